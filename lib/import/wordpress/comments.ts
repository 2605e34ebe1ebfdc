/**
 * Imported comments straight into the Comment table: one SQL statement per
 * row (the house `sql` tag, values bound), a few hundred rows per
 * transaction so a running site's comment intake waits at most a moment for
 * the write lock. `ON CONFLICT DO NOTHING` on the WordPress id (importedId,
 * unique) makes a re-run insert nothing, and the row id is derived from that
 * id (plan.ts), so replies point at their parent without a lookup.
 *
 * Statuses carry over (approved, pending, spam) with their dates. An
 * approved comment makes its writer's address a known one for the
 * first-comment rule, as a comment approved here does: their next comment is
 * not treated as a first one, and (decision 0014) the browser they post it
 * from is confirmed by an emailed link before they publish without
 * moderation. No browser is tied by the import itself: it has none to tie.
 */
import type { Db } from "../../db";
import { queryRows, sql } from "../../db/sql";
import { run, transact, type Work } from "../../db/transaction";
import type { PlannedComment } from "./plan";
import { uuidFrom } from "./plan";

const BATCH = 500;

export async function insertComments(
  db: Db,
  comments: PlannedComment[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ inserted: number; existing: number }> {
  let inserted = 0;
  for (let i = 0; i < comments.length; i += BATCH) {
    const batch = comments.slice(i, i + BATCH);
    inserted += await transact(db, function* (): Work<number> {
      let n = 0;
      for (const c of batch) {
        const parentId = c.parentImportedId ? uuidFrom(c.parentImportedId) : null;
        const approvedAt = c.status === "approved" ? c.createdAt : null;
        const note = `imported from WordPress (${c.status === "approved" ? "approved" : c.status === "spam" ? "spam" : "held"} there)`;
        n += (yield run(sql`INSERT INTO "Comment"
            ("id", "articleSlug", "parentId", "authorName", "authorEmail", "authorUrl", "body", "status", "notifyReplies",
             "moderationNote", "createdAt", "approvedAt", "updatedAt", "importedId")
            VALUES (${c.id}, ${c.articleSlug}, ${parentId}, ${c.authorName}, ${c.authorEmail}, ${c.authorUrl}, ${c.body}, ${c.status}, ${false},
                    ${note}, ${c.createdAt}, ${approvedAt}, ${c.createdAt}, ${c.importedId})
            ON CONFLICT DO NOTHING`)) as number;
      }
      return n;
    });
    onProgress?.(Math.min(i + BATCH, comments.length), comments.length);
  }
  return { inserted, existing: comments.length - inserted };
}

/** How many of these comments are already in the database (for a dry run's report). */
export async function countExisting(db: Db, comments: PlannedComment[]): Promise<number> {
  const wanted = new Set(comments.map((c) => c.importedId));
  if (wanted.size === 0) return 0;
  // All imported ids of this site share a prefix: one query instead of one per comment (LIKE may match
  // a little more than the prefix, e.g. "_" is a wildcard; the set filter below keeps only ours).
  const prefix = comments[0].importedId.replace(/:[^:]*$/, ":");
  const rows = await queryRows<{ importedId: string }>(db, sql`SELECT "importedId" FROM "Comment" WHERE "importedId" LIKE ${`${prefix}%`}`);
  return rows.filter((r) => wanted.has(r.importedId)).length;
}
