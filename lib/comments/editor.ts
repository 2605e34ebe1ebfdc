import type { Db } from "../db";
import type { Mailer } from "../mail/transport";
import { COMMENT_STATUSES, type CommentStatus } from "./moderation";
import { replyNotification } from "./notify";

/**
 * What editors do to comments (CLI now, editor console later). Every change
 * that alters what readers see calls `onChanged` with the article, so its
 * static page is regenerated; reply notices go out after the write commits.
 */
export type EditorDeps = {
  db: Db;
  mailer?: Mailer;
  publicUrl: string;
  secret: string;
  mailFrom: string;
  articleTitle: (slug: string) => string | undefined;
  onChanged?: (articleSlug: string) => Promise<void>;
  now?: () => Date;
};

export type EditorRow = { id: string; article: string; status: string; name: string; email: string | null; createdAt: Date; parentId: string | null; excerpt: string };

export async function listComments(db: Db, filter: { status?: CommentStatus; article?: string; limit?: number } = {}): Promise<EditorRow[]> {
  const rows = await db.comment.findMany({
    where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.article ? { articleSlug: filter.article } : {}) },
    orderBy: { createdAt: "desc" },
    take: filter.limit ?? 50,
  });
  return rows.map((r) => ({
    id: r.id,
    article: r.articleSlug,
    status: r.status,
    name: r.authorName,
    email: r.authorEmail,
    createdAt: r.createdAt,
    parentId: r.parentId,
    excerpt: r.body.replace(/\s+/g, " ").slice(0, 80),
  }));
}

export type StatusChange = { ok: true; notified: boolean } | { ok: false; message: string };

export async function setCommentStatus(deps: EditorDeps, id: string, status: CommentStatus): Promise<StatusChange> {
  if (!COMMENT_STATUSES.includes(status)) return { ok: false, message: `status must be one of ${COMMENT_STATUSES.join(", ")}` };
  const before = await deps.db.comment.findUnique({ where: { id } });
  if (!before) return { ok: false, message: `no comment with id ${id}` };
  if (before.status === status) return { ok: true, notified: false };
  const now = deps.now?.() ?? new Date();
  const after = await deps.db.comment.update({
    where: { id },
    data: { status, approvedAt: status === "approved" ? (before.approvedAt ?? now) : before.approvedAt },
  });
  if (before.status === "approved" || after.status === "approved") await deps.onChanged?.(after.articleSlug);

  let notified = false;
  if (after.status === "approved" && !before.approvedAt && after.parentId && deps.mailer) {
    const parent = await deps.db.comment.findUnique({ where: { id: after.parentId } });
    const title = deps.articleTitle(after.articleSlug);
    if (parent?.notifyReplies && parent.authorEmail && parent.authorEmail !== after.authorEmail && title) {
      await deps.mailer.send(
        replyNotification({
          to: parent.authorEmail,
          parentId: parent.id,
          replyId: after.id,
          replierName: after.authorName,
          articleTitle: title,
          articleUrl: `${deps.publicUrl}/articles/${after.articleSlug}`,
          publicUrl: deps.publicUrl,
          secret: deps.secret,
          mailFrom: deps.mailFrom,
        }),
      );
      notified = true;
    }
  }
  return { ok: true, notified };
}

/** Stops reply notices for one comment (the signed link in every notice). */
export async function stopReplyNotifications(db: Db, commentId: string): Promise<boolean> {
  return (await db.comment.updateMany({ where: { id: commentId }, data: { notifyReplies: false } })).count > 0;
}

/**
 * A commenter's right to erasure: every comment with this email loses its
 * personal data (name → "Anonymous", email, website and IP removed). With
 * keepText false the text goes too and the comments leave the page.
 */
export async function eraseCommenter(deps: Pick<EditorDeps, "db" | "onChanged">, email: string, opts: { keepText: boolean }) {
  const normalised = email.trim().toLowerCase();
  const affected = await deps.db.comment.findMany({ where: { authorEmail: normalised }, select: { articleSlug: true, status: true } });
  await deps.db.comment.updateMany({
    where: { authorEmail: normalised },
    data: opts.keepText
      ? { authorName: "Anonymous", authorEmail: null, authorUrl: null, ipHash: null, notifyReplies: false }
      : { authorName: "Anonymous", authorEmail: null, authorUrl: null, ipHash: null, notifyReplies: false, body: "", status: "deleted" },
  });
  const articles = [...new Set(affected.filter((c) => c.status === "approved").map((c) => c.articleSlug))];
  for (const a of articles) await deps.onChanged?.(a);
  return { comments: affected.length, articles };
}
