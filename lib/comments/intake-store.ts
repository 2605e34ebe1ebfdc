import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { execute, isTrue, queryRows, sql } from "../db/sql";
import type { CommentStatus } from "./moderation";

/**
 * The two database calls a reader's comment costs besides the captcha ledger
 * and the rate limits, as SQL on the Prisma client's driver connection
 * (lib/db/sql.ts). This is the path a bot can hammer: Prisma's query builder
 * spent 0.35–0.75 ms of CPU on each of the three lookups and the insert,
 * where the statements themselves cost tens of microseconds
 * (docs/decisions/0012). Both dialects take this SQL as written.
 */

export type IntakeFacts = {
  /** The reply target's status, if it exists on this article. */
  parentStatus: string | null;
  /** The same person posted the same words here within the window. */
  duplicate: boolean;
  /** An editor has approved a comment with this email before. */
  knownCommenter: boolean;
};

export async function intakeFacts(
  db: Db,
  q: { articleSlug: string; parentId: string | null; email: string; body: string; duplicateSince: Date },
): Promise<IntakeFacts> {
  const [row] = await queryRows<{ parentStatus: string | null; duplicate: unknown; known: unknown }>(
    db,
    sql`SELECT
      (SELECT "status" FROM "Comment" WHERE "id" = ${q.parentId ?? ""} AND "articleSlug" = ${q.articleSlug}) AS "parentStatus",
      EXISTS (SELECT 1 FROM "Comment" WHERE "articleSlug" = ${q.articleSlug} AND "authorEmail" = ${q.email} AND "body" = ${q.body}
              AND "status" <> 'deleted' AND "createdAt" > ${q.duplicateSince}) AS "duplicate",
      EXISTS (SELECT 1 FROM "Comment" WHERE "authorEmail" = ${q.email} AND "status" = 'approved') AS "known"`,
  );
  return { parentStatus: row.parentStatus ?? null, duplicate: isTrue(row.duplicate), knownCommenter: isTrue(row.known) };
}

export type NewComment = {
  articleSlug: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  notifyReplies: boolean;
  status: Exclude<CommentStatus, "deleted">;
};

/** Inserts one comment and returns its id (the schema's own default, a UUID). */
export async function insertComment(db: Db, c: NewComment, now: Date): Promise<string> {
  const id = randomUUID();
  const approvedAt = c.status === "approved" ? now : null;
  await execute(
    db,
    sql`INSERT INTO "Comment"
      ("id", "articleSlug", "parentId", "authorName", "authorEmail", "authorUrl", "body", "status", "notifyReplies", "createdAt", "approvedAt", "updatedAt")
      VALUES (${id}, ${c.articleSlug}, ${c.parentId}, ${c.authorName}, ${c.authorEmail}, ${c.authorUrl}, ${c.body}, ${c.status}, ${c.notifyReplies}, ${now}, ${approvedAt}, ${now})`,
  );
  return id;
}
