import { dialectOf } from "../db/connection";
import type { Db } from "../db";
import { execute, list, queryRows, sql } from "../db/sql";
import { run, transact } from "../db/transaction";
import { emailHash } from "./address";
import type { DeliveryStep } from "./delivery-state";
import { eventId, type DeliveryRow } from "./leases";

/**
 * Writes what the sending slots report, in group commits. Each slot, after
 * an SMTP attempt, reports the attempt's result and the next row it will
 * hand to SMTP; that next row must be marked "sending" in a committed write
 * *before* it goes out (that is what bounds the deliveries in doubt after a
 * crash to one per connection). Everything reported during one turn of the
 * event loop goes into one write:
 *
 *   the common case (sent + next marked): one UPDATE for all slots;
 *   retries, failures and bounces: their rows, events and suppressions in
 *   the same transaction.
 *
 * The promise per report says whether the next row is still ours: false
 * when our lease was taken over (or the subscriber left) meanwhile, and the
 * slot must not send it.
 */
export type Attempt = { row: DeliveryRow; step: DeliveryStep };
export type Report = { result?: Attempt; sending?: DeliveryRow };

export function resultRecorder(db: Db, me: string, opts: { concurrency: number; now?: () => Date }) {
  type Op = Report & { done: (mine: boolean) => void; fail: (e: unknown) => void };
  let pending: Op[] = [];
  // SQLite has one writer: one commit at a time, each carrying whatever
  // piled up. PostgreSQL commits from several connections at once and
  // groups their WAL flushes itself, so each slot may commit on its own.
  const maxFlushes = dialectOf(db) === "postgres" ? opts.concurrency : 1;
  let flushes = 0;

  const flush = async () => {
    while (pending.length) {
      const ops = pending;
      pending = [];
      try {
        const mine = await write(db, me, ops, opts.now?.() ?? new Date());
        for (const o of ops) o.done(!o.sending || mine.has(o.sending.id));
      } catch (e) {
        for (const o of ops) o.fail(e);
      }
    }
    flushes--;
  };

  return (report: Report) =>
    new Promise<boolean>((done, fail) => {
      pending.push({ ...report, done, fail });
      // Started on the next turn, so every slot that finished in this turn joins the same commit.
      if (flushes < maxFlushes) {
        flushes++;
        setImmediate(() => void flush());
      }
    });
}

/** One group commit; returns the ids of the marked rows that are ours. */
async function write(db: Db, me: string, ops: Report[], now: Date): Promise<Set<string>> {
  const sent = ops.flatMap((o) => (o.result?.step.to === "sent" ? [o.result.row.id] : []));
  const marks = ops.flatMap((o) => (o.sending ? [o.sending.id] : []));
  const others = ops.flatMap((o) => (o.result && o.result.step.to !== "sent" ? [o.result] : []));

  // Sent rows become "sent", next rows become "sending", in one statement:
  // this runs once per message, so it is one round trip, not one per row.
  const both = sql`UPDATE "Delivery" SET
      "status" = CASE WHEN "status" = 'sending' THEN 'sent' ELSE 'sending' END,
      "sentAt" = CASE WHEN "status" = 'sending' THEN ${now} ELSE "sentAt" END,
      "attempts" = CASE WHEN "status" = 'sending' THEN "attempts" + 1 ELSE "attempts" END,
      "error" = CASE WHEN "status" = 'sending' THEN NULL ELSE "error" END,
      "claimedAt" = ${now}
    WHERE "claimedBy" = ${me}
      AND (("status" = 'sending' AND "id" IN ${list(sent)}) OR ("status" = 'claimed' AND "id" IN ${list(marks)}))`;

  const changed =
    others.length === 0
      ? await execute(db, both)
      : await transact(db, function* () {
          const n = (yield run(both)) as number;
          for (const { row, step } of others) {
            if (step.to === "queued") {
              yield run(sql`UPDATE "Delivery" SET "status" = 'queued', "attempts" = ${row.attempts + 1}, "nextAttemptAt" = ${step.retryAt},
                  "error" = ${step.error}, "claimedBy" = NULL, "claimedAt" = NULL WHERE "id" = ${row.id} AND "claimedBy" = ${me}`);
            } else if (step.to === "failed") {
              yield run(sql`UPDATE "Delivery" SET "status" = 'failed', "attempts" = ${row.attempts + 1}, "error" = ${step.error}
                  WHERE "id" = ${row.id} AND "claimedBy" = ${me}`);
              yield run(sql`INSERT INTO "CampaignEvent" ("id", "campaignId", "at", "kind", "detail")
                  VALUES (${eventId()}, ${row.campaignId}, ${now}, 'failed', ${`delivery ${row.id}: ${step.error}${step.suppress ? " (address suppressed)" : ""}`})`);
              if (step.suppress) {
                // The bounce policy: a permanent rejection suppresses the address for good.
                const hash = emailHash(row.email);
                yield run(sql`INSERT INTO "Suppression" ("emailHash", "reason", "createdAt") VALUES (${hash}, 'bounced', ${now})
                    ON CONFLICT ("emailHash") DO UPDATE SET "reason" = 'bounced'`);
                yield run(sql`DELETE FROM "Subscriber" WHERE "id" = ${row.subscriberId}`);
              }
            }
          }
          return n;
        });

  if (changed - sent.length === marks.length) return new Set(marks);
  // Fewer rows than expected: a lease was taken over (ours expired), or the
  // subscriber left and their row went. Ask which marks are ours.
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT "id" FROM "Delivery" WHERE "id" IN ${list(marks)} AND "status" = 'sending' AND "claimedBy" = ${me}`,
  );
  return new Set(rows.map((r) => r.id));
}
