import type { Db } from "../db";
import { execute, sql } from "../db/sql";
import { addressOf } from "../mail/list-headers";
import type { EmailTemplates } from "../mail/templates";
import type { Mailer } from "../mail/transport";
import type { SigningKeys } from "../security/signed-token";
import { emailHashOf } from "./identity";
import { parseBlockRange } from "./ip-ranges";
import { COMMENT_STATUSES, UNCONFIRMED_BROWSER, type CommentStatus } from "./moderation";
import { COMMENT_LIMITS } from "./limits";
import { replyNotification } from "./notify";

/**
 * What editors do to comments (CLI now, editor console later). Every change
 * that alters what readers see calls `onChanged` with the article, so its
 * static page is regenerated; reply notices go out after the write commits.
 */
export type EditorDeps = {
  db: Db;
  mailer?: Mailer;
  templates: Pick<EmailTemplates, "replyNotice">;
  publicUrl: string;
  keys: SigningKeys;
  mailFrom: string;
  siteName: string;
  articleTitle: (slug: string) => string | undefined;
  onChanged?: (articleSlug: string) => Promise<void>;
  now?: () => Date;
};

export type EditorRow = {
  id: string;
  article: string;
  status: string;
  name: string;
  email: string | null;
  createdAt: Date;
  parentId: string | null;
  excerpt: string;
};

export async function listComments(
  db: Db,
  filter: { status?: CommentStatus; article?: string; limit?: number } = {},
): Promise<EditorRow[]> {
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

/**
 * Moves a comment to another state. Guarded by the state it was read in,
 * so two editors (or a double click) acting at once change it once and
 * send the reply notice once. Approving a comment also ties the browser it
 * was posted from to its email (decision 0014): the commenter's next
 * comments from there appear without waiting.
 */
export async function setCommentStatus(deps: EditorDeps, id: string, status: CommentStatus): Promise<StatusChange> {
  if (!COMMENT_STATUSES.includes(status)) return { ok: false, message: `status must be one of ${COMMENT_STATUSES.join(", ")}` };
  const before = await deps.db.comment.findUnique({ where: { id } });
  if (!before) return { ok: false, message: `no comment with id ${id}` };
  if (before.status === status) return { ok: true, notified: false };
  const now = deps.now?.() ?? new Date();
  const firstApproval = status === "approved" && !before.approvedAt;
  const changed = await deps.db.comment.updateMany({
    where: { id, status: before.status, approvedAt: before.approvedAt },
    data: { status, approvedAt: status === "approved" ? (before.approvedAt ?? now) : before.approvedAt },
  });
  // Someone else changed it between our read and our write: theirs stands.
  if (changed.count === 0) return { ok: true, notified: false };
  if (status === "approved" && before.authorEmail && before.browserHash)
    await trustBrowser(deps.db, emailHashOf(before.authorEmail), before.browserHash, "approved-comment", now);
  if (before.status === "approved" || status === "approved") await deps.onChanged?.(before.articleSlug);

  let notified = false;
  if (firstApproval && before.parentId && deps.mailer) {
    const parent = await deps.db.comment.findUnique({ where: { id: before.parentId } });
    const title = deps.articleTitle(before.articleSlug);
    if (parent?.notifyReplies && parent.authorEmail && parent.authorEmail !== before.authorEmail && title) {
      await deps.mailer.send(
        await replyNotification(
          {
            to: parent.authorEmail,
            parentId: parent.id,
            replyId: before.id,
            replierName: before.authorName,
            articleTitle: title,
            articleUrl: `${deps.publicUrl}/articles/${before.articleSlug}`,
            publicUrl: deps.publicUrl,
            siteName: deps.siteName,
            keys: deps.keys,
            mailto: addressOf(deps.mailFrom),
          },
          deps.templates,
        ),
      );
      notified = true;
    }
  }
  return { ok: true, notified };
}

/** Records that this browser may publish under this email without moderation. */
async function trustBrowser(db: Db, emailHash: string, browserHash: string, how: "approved-comment" | "email-link", now: Date) {
  await execute(
    db,
    sql`INSERT INTO "CommenterBrowser" ("emailHash", "browserHash", "how", "createdAt") VALUES (${emailHash}, ${browserHash}, ${how}, ${now})
        ON CONFLICT ("emailHash", "browserHash") DO NOTHING`,
  );
}

/**
 * The owner of an address opened the emailed "it was me" link in the
 * browser they commented from: that browser is trusted from now on, and
 * the comments it posted that waited only for this are published.
 */
export async function confirmCommenterBrowser(deps: EditorDeps, emailHash: string, browserHash: string): Promise<{ published: number }> {
  await trustBrowser(deps.db, emailHash, browserHash, "email-link", deps.now?.() ?? new Date());
  const waiting = await deps.db.comment.findMany({
    where: { browserHash, status: "pending", moderationNote: UNCONFIRMED_BROWSER },
    select: { id: true, authorEmail: true },
  });
  let published = 0;
  for (const c of waiting) {
    if (!c.authorEmail || emailHashOf(c.authorEmail) !== emailHash) continue;
    const r = await setCommentStatus(deps, c.id, "approved");
    if (r.ok) published++;
  }
  return { published };
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
      ? { authorName: "Anonymous", authorEmail: null, authorUrl: null, ipPrefix: null, browserHash: null, notifyReplies: false }
      : {
          authorName: "Anonymous",
          authorEmail: null,
          authorUrl: null,
          ipPrefix: null,
          browserHash: null,
          notifyReplies: false,
          body: "",
          status: "deleted",
        },
  });
  await deps.db.commenterBrowser.deleteMany({ where: { emailHash: emailHashOf(normalised) } });
  const articles = [...new Set(affected.filter((c) => c.status === "approved").map((c) => c.articleSlug))];
  for (const a of articles) await deps.onChanged?.(a);
  return { comments: affected.length, articles };
}

export type TextEdit = { ok: true; before: string; after: string } | { ok: false; message: string; field?: string };

/**
 * An editor corrects a comment's text (a typo, a phone number taken out).
 * The caller keeps the original (the newsroom writes it to the audit log);
 * a visible comment's page is regenerated.
 */
export async function editCommentText(deps: Pick<EditorDeps, "db" | "onChanged">, id: string, body: string): Promise<TextEdit> {
  const text = body.replace(/\r\n?/g, "\n").trim();
  if (!text) return { ok: false, message: "The text cannot be empty (delete the comment instead)", field: "body" };
  if (text.length > COMMENT_LIMITS.body) return { ok: false, message: `Keep it under ${COMMENT_LIMITS.body} characters`, field: "body" };
  const before = await deps.db.comment.findUnique({ where: { id }, select: { body: true, articleSlug: true, status: true } });
  if (!before) return { ok: false, message: `no comment with id ${id}` };
  if (before.body === text) return { ok: true, before: before.body, after: text };
  // Guarded by the text it was read with: two editors editing at once cannot silently overwrite each other.
  const changed = await deps.db.comment.updateMany({ where: { id, body: before.body }, data: { body: text } });
  if (changed.count === 0) return { ok: false, message: "Someone else changed this comment a moment ago; reload and try again" };
  if (before.status === "approved") await deps.onChanged?.(before.articleSlug);
  return { ok: true, before: before.body, after: text };
}

export type StaffAuthor = { id: string; displayName: string; credentials: string | null; badgeLabel: string };
export type PublicationReply =
  { ok: true; id: string; articleSlug: string; notified: boolean } | { ok: false; message: string; field?: string };

/**
 * A reply written as the publication: published at once under the editor's
 * name, with their credentials and badge as they are now. It goes through
 * the same approval as any comment (setCommentStatus), so the page is
 * regenerated and the parent's writer is notified if they asked.
 */
export async function replyAsPublication(deps: EditorDeps, parentId: string, body: string, staff: StaffAuthor): Promise<PublicationReply> {
  const text = body.replace(/\r\n?/g, "\n").trim();
  if (!text) return { ok: false, message: "Write a reply first", field: "body" };
  if (text.length > COMMENT_LIMITS.body) return { ok: false, message: `Keep it under ${COMMENT_LIMITS.body} characters`, field: "body" };
  const parent = await deps.db.comment.findUnique({ where: { id: parentId }, select: { articleSlug: true, status: true } });
  if (!parent) return { ok: false, message: `no comment with id ${parentId}` };
  if (parent.status !== "approved")
    return { ok: false, message: "Approve the comment before replying to it: replies appear under it on the page" };
  const reply = await deps.db.comment.create({
    data: {
      articleSlug: parent.articleSlug,
      parentId,
      authorName: staff.displayName,
      body: text,
      status: "pending",
      moderationNote: "reply written as the publication in the newsroom",
      editorId: staff.id,
      staffBadge: staff.badgeLabel,
      staffCredentials: staff.credentials,
    },
  });
  const approved = await setCommentStatus(deps, reply.id, "approved");
  return { ok: true, id: reply.id, articleSlug: parent.articleSlug, notified: approved.ok && approved.notified };
}

export type BlockResult = { ok: true; id: string; emailHash: string | null; ipPrefix: string | null } | { ok: false; message: string };

/**
 * Blocks the writer of a comment: by the hash of their address, the
 * truncated network it came from, or both. Their future comments go
 * straight to spam (moderation.ts, checked in the intake's transaction).
 */
export async function blockCommenter(
  db: Db,
  commentId: string,
  by: { email: boolean; network: boolean; reason?: string; editorId?: string | null },
): Promise<BlockResult> {
  if (!by.email && !by.network) return { ok: false, message: "Choose the address, the network, or both" };
  const c = await db.comment.findUnique({ where: { id: commentId }, select: { authorEmail: true, ipPrefix: true } });
  if (!c) return { ok: false, message: `no comment with id ${commentId}` };
  const emailHash = by.email && c.authorEmail ? emailHashOf(c.authorEmail) : null;
  const ipPrefix = by.network ? c.ipPrefix : null;
  if (!emailHash && !ipPrefix) return { ok: false, message: "This comment has no address or network left to block (erased?)" };
  const block = await db.commenterBlock.create({
    data: { emailHash, ipPrefix, reason: by.reason?.slice(0, 200) || null, editorId: by.editorId ?? null },
  });
  return { ok: true, id: block.id, emailHash, ipPrefix };
}

export type RangeBlockResult = { ok: true; id: string; network: string } | { ok: false; message: string };

/**
 * Blocks an IP range a moderator typed (CIDR, IPv4 or IPv6; checked and
 * written canonically by ip-ranges.ts): future comments from any address in
 * it go straight to spam, matched in the intake's transaction on the full
 * client address, which is never stored.
 */
export async function blockRange(db: Db, input: { range: unknown; reason?: string; editorId?: string | null }): Promise<RangeBlockResult> {
  const parsed = parseBlockRange(input.range);
  if (!parsed.ok) return parsed;
  const { network, start, end } = parsed.range;
  const existing = await db.commenterBlock.findFirst({ where: { network }, select: { id: true } });
  if (existing) return { ok: false, message: `${network} is already blocked` };
  const block = await db.commenterBlock.create({
    data: {
      network,
      rangeStart: start,
      rangeEnd: end,
      reason: input.reason?.trim().slice(0, 200) || null,
      editorId: input.editorId ?? null,
    },
  });
  return { ok: true, id: block.id, network };
}

export type RangeBlockRow = { id: string; network: string; reason: string | null; createdAt: Date };

export async function listRangeBlocks(db: Db, limit = 200): Promise<RangeBlockRow[]> {
  const rows = await db.commenterBlock.findMany({
    where: { network: { not: null } },
    select: { id: true, network: true, reason: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((r) => ({ ...r, network: r.network ?? "" }));
}

/** Lifts a range block; the range's comments already in spam stay there. Returns the range, or null when it was gone. */
export async function unblockRange(db: Db, id: string): Promise<string | null> {
  const block = await db.commenterBlock.findFirst({ where: { id, network: { not: null } }, select: { network: true } });
  if (!block) return null;
  const removed = await db.commenterBlock.deleteMany({ where: { id, network: { not: null } } });
  return removed.count === 1 ? block.network : null;
}
