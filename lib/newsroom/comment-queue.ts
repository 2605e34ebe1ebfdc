import type { Db } from "../db";
import { COMMENT_STATUSES, type CommentStatus } from "../comments/moderation";

/**
 * What the newsroom's comment queue reads (decision 0041): one queue across
 * every article, a state at a time (pending first), keyset-paginated on
 * (createdAt, id) so the fiftieth page costs what the first does (index
 * Comment(status, createdAt)). Writes go through lib/comments/editor.ts,
 * the functions the CLI calls.
 */
export type StateCounts = Record<CommentStatus, number>;

export async function commentCounts(db: Db): Promise<StateCounts> {
  const groups = await db.comment.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as StateCounts;
  for (const g of groups) if (g.status in counts) counts[g.status as CommentStatus] = g._count._all;
  return counts;
}

export type QueueItem = {
  id: string;
  articleSlug: string;
  status: string;
  authorName: string;
  authorUrl: string | null;
  body: string;
  createdAt: Date;
  /** Why moderation decided as it did (lib/comments/moderation.ts). */
  why: string | null;
  ipPrefix: string | null;
  staffBadge: string | null;
  parent: { id: string; authorName: string; excerpt: string } | null;
  /** The same address's other comments: how many, and the newest few (shown to editors and admins). */
  history: {
    count: number;
    approved: number;
    recent: { id: string; articleSlug: string; status: string; excerpt: string; createdAt: Date }[];
  };
  /** Whether the writer's address is known (erased comments have none): blocking by address needs it. */
  hasEmail: boolean;
};

export const excerpt = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export const queueCursorOf = (row: { createdAt: Date; id: string }) => `${row.createdAt.getTime()}.${row.id}`;
function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  const m = /^(\d{1,15})\.([\w-]{1,64})$/.exec(cursor ?? "");
  return m ? { at: new Date(Number(m[1])), id: m[2] } : undefined;
}

/**
 * One page of the queue for a state, newest first, after `cursor`. The
 * writer's address is read to group their history and never returned.
 */
export async function listQueue(
  db: Db,
  opts: { status: CommentStatus; cursor?: string; limit?: number; historySize?: number },
): Promise<{ items: QueueItem[]; next?: string }> {
  const limit = opts.limit ?? 25;
  const after = parseCursor(opts.cursor);
  const rows = await db.comment.findMany({
    where: {
      status: opts.status,
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      articleSlug: true,
      status: true,
      authorName: true,
      authorUrl: true,
      authorEmail: true,
      body: true,
      createdAt: true,
      moderationNote: true,
      ipPrefix: true,
      staffBadge: true,
      parent: { select: { id: true, authorName: true, body: true } },
    },
  });
  const page = rows.slice(0, limit);
  const emails = [...new Set(page.map((r) => r.authorEmail).filter((e): e is string => Boolean(e)))];
  const historySize = opts.historySize ?? 3;
  const [counts, recent] = emails.length
    ? await Promise.all([
        db.comment.groupBy({ by: ["authorEmail", "status"], where: { authorEmail: { in: emails } }, _count: { _all: true } }),
        historySize > 0
          ? db.comment.findMany({
              where: { authorEmail: { in: emails } },
              orderBy: [{ createdAt: "desc" }, { id: "desc" }],
              take: Math.min(2_000, emails.length * (historySize + 1) * 4),
              select: { id: true, authorEmail: true, articleSlug: true, status: true, body: true, createdAt: true },
            })
          : Promise.resolve([]),
      ])
    : [[], []];
  const items: QueueItem[] = page.map((r) => {
    const mine = r.authorEmail ? counts.filter((c) => c.authorEmail === r.authorEmail) : [];
    const total = mine.reduce((n, c) => n + c._count._all, 0);
    return {
      id: r.id,
      articleSlug: r.articleSlug,
      status: r.status,
      authorName: r.authorName,
      authorUrl: r.authorUrl,
      body: r.body,
      createdAt: r.createdAt,
      why: r.moderationNote,
      ipPrefix: r.ipPrefix,
      staffBadge: r.staffBadge,
      parent: r.parent ? { id: r.parent.id, authorName: r.parent.authorName, excerpt: excerpt(r.parent.body) } : null,
      history: {
        count: Math.max(0, total - 1),
        approved: mine.filter((c) => c.status === "approved").reduce((n, c) => n + c._count._all, 0) - (r.status === "approved" ? 1 : 0),
        recent: recent
          .filter((h) => r.authorEmail && h.authorEmail === r.authorEmail && h.id !== r.id)
          .slice(0, historySize)
          .map((h) => ({ id: h.id, articleSlug: h.articleSlug, status: h.status, excerpt: excerpt(h.body, 100), createdAt: h.createdAt })),
      },
      hasEmail: Boolean(r.authorEmail),
    };
  });
  return { items, next: rows.length > limit ? queueCursorOf(page[page.length - 1]) : undefined };
}
