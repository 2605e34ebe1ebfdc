/** Replies deeper than this attach to the deepest level, as WordPress does. */
export const MAX_THREAD_DEPTH = 3;

export type Threadable = { id: string; parentId: string | null; createdAt: Date };
export type ThreadNode<T extends Threadable> = { comment: T; depth: number; replies: ThreadNode<T>[] };

/**
 * Approved comments as threads, oldest first at every level. A reply whose
 * parent is not in the list (held, spam, deleted) is shown at the top level
 * rather than lost.
 */
export function buildThreads<T extends Threadable>(comments: T[], maxDepth = MAX_THREAD_DEPTH): ThreadNode<T>[] {
  const sorted = [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const nodes = new Map<string, ThreadNode<T>>();
  const roots: ThreadNode<T>[] = [];
  for (const c of sorted) nodes.set(c.id, { comment: c, depth: 1, replies: [] });
  for (const c of sorted) {
    const node = nodes.get(c.id)!;
    let parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (!parent) {
      roots.push(node);
      continue;
    }
    // Walk up until the reply fits within the depth limit.
    while (parent.depth >= maxDepth) parent = nodes.get(parent.comment.parentId!) ?? parent;
    node.depth = parent.depth + 1;
    parent.replies.push(node);
  }
  return roots;
}

export function countComments<T extends Threadable>(threads: ThreadNode<T>[]): number {
  return threads.reduce((n, t) => n + 1 + countComments(t.replies), 0);
}
