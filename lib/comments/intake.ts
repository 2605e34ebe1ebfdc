import { randomUUID } from "node:crypto";
import { isTrue, sql } from "../db/sql";
import { get, lock, run, type Work } from "../db/transaction";
import { countHits, counterOf, retryAfterSeconds, type CounterRow, type Limit } from "../security/rate-limit";
import { claimToken } from "../security/used-tokens";
import type { CommentStatus, ModerationDecision } from "./moderation";

/**
 * Everything a reader's comment writes or checks in the database, as one
 * transaction (lib/db/transaction.ts): claim the captcha token, count both
 * rate limits, look up the reply target, a duplicate and the commenter's
 * history, then store the comment with the status `decide` gives. A refusal
 * still commits the token claim and the counts (a refused try is a try) and
 * stores no comment.
 *
 * This is the path a bot can hammer, so it is SQL: through Prisma's query
 * builder the same work took seven calls of 0.35–0.75 ms of CPU each
 * (docs/decisions/0012).
 * Both databases take the SQL as written.
 */
export type IntakeRequest = {
  /** The captcha token's hash to claim, when captcha is on. */
  tokenHash?: string;
  limits: { key: string; limit: Limit }[];
  comment: {
    articleSlug: string;
    parentId: string | null;
    authorName: string;
    authorEmail: string;
    authorUrl: string | null;
    body: string;
    notifyReplies: boolean;
    ipPrefix: string | null;
    browserHash: string;
  };
  emailHash: string;
  /** The full client address as a range key (lib/comments/ip-ranges.ts), checked against blocked ranges and never stored. */
  addressKey?: string | null;
  duplicateSince: Date;
  now: Date;
  decide: (facts: { knownCommenter: boolean; knownEmail: boolean; blocked: boolean }) => ModerationDecision;
};

export type IntakeOutcome =
  | { kind: "reused-token" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "bad-parent" }
  | { kind: "duplicate" }
  | { kind: "stored"; id: string; status: Exclude<CommentStatus, "deleted">; reason: string };

export function* intake(r: IntakeRequest): Work<IntakeOutcome> {
  const { comment: c, now } = r;
  if (r.tokenHash !== undefined) {
    const claimed = yield run(claimToken("captcha", r.tokenHash, now));
    if (claimed !== 1) return { kind: "reused-token" };
  }

  for (const { key, limit } of r.limits) {
    const counter = counterOf((yield get(countHits(key, 1, limit.durationSeconds * 1000, now))) as CounterRow);
    if (counter.points > limit.points) return { kind: "rate-limited", retryAfterSeconds: retryAfterSeconds(counter, now) };
  }

  // Duplicate check and insert must not interleave with another post from
  // the same address (PostgreSQL runs them under READ COMMITTED; SQLite's
  // single writer serialises them already).
  yield lock(`comment:${r.emailHash}`);
  const facts = (yield get(sql`SELECT
      (SELECT "status" FROM "Comment" WHERE "id" = ${c.parentId ?? ""} AND "articleSlug" = ${c.articleSlug}) AS "parentStatus",
      EXISTS (SELECT 1 FROM "Comment" WHERE "articleSlug" = ${c.articleSlug} AND "authorEmail" = ${c.authorEmail} AND "body" = ${c.body}
              AND "status" <> 'deleted' AND "createdAt" > ${r.duplicateSince}) AS "duplicate",
      EXISTS (SELECT 1 FROM "CommenterBrowser" WHERE "emailHash" = ${r.emailHash} AND "browserHash" = ${c.browserHash}) AS "known",
      EXISTS (SELECT 1 FROM "Comment" WHERE "authorEmail" = ${c.authorEmail} AND "status" = 'approved') AS "knownEmail",
      EXISTS (SELECT 1 FROM "CommenterBlock" WHERE "emailHash" = ${r.emailHash} OR "ipPrefix" = ${c.ipPrefix}
              OR ("rangeStart" <= ${r.addressKey ?? null} AND "rangeEnd" >= ${r.addressKey ?? null})) AS "blocked"`)) as {
    parentStatus: string | null;
    duplicate: unknown;
    known: unknown;
    knownEmail: unknown;
    blocked: unknown;
  };
  if (c.parentId && facts.parentStatus !== "approved") return { kind: "bad-parent" };
  if (isTrue(facts.duplicate)) return { kind: "duplicate" };

  const { status, reason } = r.decide({
    knownCommenter: isTrue(facts.known),
    knownEmail: isTrue(facts.knownEmail),
    blocked: isTrue(facts.blocked),
  });
  // The schema's own default for Comment.id is a UUID too.
  const id = randomUUID();
  yield run(sql`INSERT INTO "Comment"
      ("id", "articleSlug", "parentId", "authorName", "authorEmail", "authorUrl", "body", "status", "notifyReplies",
       "ipPrefix", "browserHash", "moderationNote", "createdAt", "approvedAt", "updatedAt")
      VALUES (${id}, ${c.articleSlug}, ${c.parentId}, ${c.authorName}, ${c.authorEmail}, ${c.authorUrl}, ${c.body}, ${status}, ${c.notifyReplies},
              ${c.ipPrefix}, ${c.browserHash}, ${reason}, ${now}, ${status === "approved" ? now : null}, ${now})`);
  return { kind: "stored", id, status, reason };
}
