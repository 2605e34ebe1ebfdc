import {
  blockCommenter,
  blockRange,
  unblockRange,
  editCommentText,
  replyAsPublication,
  setCommentStatus,
  type EditorDeps,
  type StaffAuthor,
} from "../comments/editor";
import { QUEUE_ACTIONS, type QueueAction } from "../comments/moderation";
import { audit, type Actor } from "./audit";

/**
 * The newsroom's comment actions: the rules of lib/comments/editor.ts (the
 * ones `npm run comments` calls), each recorded in the audit log with who
 * did it. Nothing here decides anything about a comment by itself.
 */
export type ActionSummary = { changed: number; missing: string[] };

export async function applyQueueAction(deps: EditorDeps, actor: Actor, ids: string[], action: QueueAction): Promise<ActionSummary> {
  const status = QUEUE_ACTIONS[action];
  const summary: ActionSummary = { changed: 0, missing: [] };
  for (const id of ids) {
    const before = await deps.db.comment.findUnique({ where: { id }, select: { status: true } });
    const r = await setCommentStatus(deps, id, status);
    if (!r.ok || !before) {
      summary.missing.push(id);
      continue;
    }
    if (before.status === status) continue;
    summary.changed++;
    await audit(deps.db, actor, {
      action: `comment.${action}`,
      objectType: "comment",
      objectId: id,
      before: { status: before.status },
      after: { status },
    });
  }
  return summary;
}

export async function editComment(deps: EditorDeps, actor: Actor, id: string, body: string) {
  const r = await editCommentText(deps, id, body);
  if (r.ok && r.before !== r.after)
    await audit(deps.db, actor, {
      action: "comment.edit",
      objectType: "comment",
      objectId: id,
      before: { body: r.before },
      after: { body: r.after },
    });
  return r;
}

export async function replyAsStaff(deps: EditorDeps, actor: Actor, parentId: string, body: string, staff: StaffAuthor) {
  const r = await replyAsPublication(deps, parentId, body, staff);
  if (r.ok)
    await audit(deps.db, actor, {
      action: "comment.reply",
      objectType: "comment",
      objectId: r.id,
      after: { parentId, badge: staff.badgeLabel },
    });
  return r;
}

export async function blockWriter(deps: Pick<EditorDeps, "db">, actor: Actor, commentId: string, by: { email: boolean; network: boolean }) {
  const r = await blockCommenter(deps.db, commentId, { ...by, editorId: actor.id });
  if (r.ok)
    await audit(deps.db, actor, {
      action: "commenter.block",
      objectType: "comment",
      objectId: commentId,
      after: { byAddress: Boolean(r.emailHash), network: r.ipPrefix },
    });
  return r;
}

export async function blockNetworkRange(deps: Pick<EditorDeps, "db">, actor: Actor, input: { range: unknown; reason?: string }) {
  const r = await blockRange(deps.db, { ...input, editorId: actor.id });
  if (r.ok)
    await audit(deps.db, actor, { action: "commenter.block-range", objectType: "block", objectId: r.id, after: { network: r.network } });
  return r;
}

export async function unblockNetworkRange(deps: Pick<EditorDeps, "db">, actor: Actor, id: string) {
  const network = await unblockRange(deps.db, id);
  if (network) await audit(deps.db, actor, { action: "commenter.unblock-range", objectType: "block", objectId: id, before: { network } });
  return network;
}
