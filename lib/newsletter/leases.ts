import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db";
import { execute, list, queryRows, sql, toNumber } from "../db/sql";
import { run, transact } from "../db/transaction";

/**
 * Who holds which deliveries. A worker leases rows (status "claimed",
 * claimedBy = its id), keeps the lease alive with a heartbeat, and gives
 * rows back when it stops. A worker that died is recognised when its lease
 * runs out, or at once when it ran on this machine and its process is gone;
 * what it held goes back to the queue, rows it had in flight marked in
 * doubt (resent with the same Message-ID and logged).
 */
export type DeliveryRow = {
  id: string;
  campaignId: string;
  subscriberId: string;
  email: string;
  firstName: string | null;
  attempts: number;
};

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** A worker on this machine whose process is gone is dead now, not after its lease. */
export function isDeadHere(workerId: string): boolean {
  const [host, pid] = workerId.split(":");
  if (host !== hostname() || !/^\d+$/.test(pid ?? "")) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Leases up to `limit` due deliveries of a campaign to `me` and returns them. */
export async function claimBatch(db: Db, campaignId: string, me: string, limit: number, now: Date): Promise<DeliveryRow[]> {
  const due = await queryRows<{ id: string }>(
    db,
    sql`SELECT "id" FROM "Delivery" WHERE "campaignId" = ${campaignId} AND "status" = 'queued' AND "nextAttemptAt" <= ${now} LIMIT ${limit}`,
  );
  if (due.length === 0) return [];
  const ids = due.map((r) => r.id);
  await execute(
    db,
    sql`UPDATE "Delivery" SET "status" = 'claimed', "claimedBy" = ${me}, "claimedAt" = ${now} WHERE "id" IN ${list(ids)} AND "status" = 'queued'`,
  );
  const rows = await queryRows<DeliveryRow>(
    db,
    sql`SELECT "id", "campaignId", "subscriberId", "email", "firstName", "attempts" FROM "Delivery"
        WHERE "id" IN ${list(ids)} AND "status" = 'claimed' AND "claimedBy" = ${me}`,
  );
  return rows.map((r) => ({ ...r, attempts: toNumber(r.attempts) }));
}

/** Leased rows never handed to SMTP go back to the queue, untouched. */
export async function giveBack(db: Db, me: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await execute(
    db,
    sql`UPDATE "Delivery" SET "status" = 'queued', "claimedBy" = NULL, "claimedAt" = NULL WHERE "id" IN ${list(ids)} AND "status" = 'claimed' AND "claimedBy" = ${me}`,
  );
}

/** A row marked "sending" that was never handed to SMTP (the worker stopped first) goes back to the queue, not in doubt. */
export async function unsend(db: Db, me: string, id: string): Promise<void> {
  await execute(
    db,
    sql`UPDATE "Delivery" SET "status" = 'queued', "claimedBy" = NULL, "claimedAt" = NULL WHERE "id" = ${id} AND "status" = 'sending' AND "claimedBy" = ${me}`,
  );
}

/** Renews the lease on everything this worker holds. */
export async function renewLease(db: Db, me: string, now: Date): Promise<void> {
  await execute(db, sql`UPDATE "Delivery" SET "claimedAt" = ${now} WHERE "claimedBy" = ${me} AND "status" IN ('claimed', 'sending')`);
}

/**
 * Gives back what dead workers held. Returns how many deliveries were in
 * flight (now in doubt).
 */
export async function recoverOrphans(db: Db, me: string, leaseSeconds: number, now: Date, log?: (line: string) => void): Promise<number> {
  const holders = await queryRows<{ holder: string; last: unknown }>(
    db,
    sql`SELECT "claimedBy" AS "holder", MAX("claimedAt") AS "last" FROM "Delivery"
        WHERE "status" IN ('claimed', 'sending') AND "claimedBy" IS NOT NULL GROUP BY "claimedBy"`,
  );
  let recovered = 0;
  for (const { holder, last } of holders) {
    if (holder === me) continue;
    const stale = new Date(last as string).getTime() < now.getTime() - leaseSeconds * 1000;
    if (!stale && !isDeadHere(holder)) continue;
    recovered += await releaseHolder(db, holder, log);
  }
  return recovered;
}

/** Gives back one holder's rows: leased ones to the queue, in-flight ones to the queue marked in doubt (and logged per campaign). */
export async function releaseHolder(db: Db, holder: string, log?: (line: string) => void): Promise<number> {
  const inFlight = await queryRows<{ id: string; campaignId: string }>(
    db,
    sql`SELECT "id", "campaignId" FROM "Delivery" WHERE "claimedBy" = ${holder} AND "status" = 'sending'`,
  );
  const byCampaign = new Map<string, string[]>();
  for (const r of inFlight) byCampaign.set(r.campaignId, [...(byCampaign.get(r.campaignId) ?? []), r.id]);
  const doubted = await transact(db, function* () {
    yield run(
      sql`UPDATE "Delivery" SET "status" = 'queued', "claimedBy" = NULL, "claimedAt" = NULL WHERE "claimedBy" = ${holder} AND "status" = 'claimed'`,
    );
    const n = (yield run(
      sql`UPDATE "Delivery" SET "status" = 'queued', "claimedBy" = NULL, "claimedAt" = NULL, "inDoubt" = ${true}
          WHERE "id" IN ${list(inFlight.map((r) => r.id))} AND "claimedBy" = ${holder} AND "status" = 'sending'`,
    )) as number;
    if (n > 0)
      for (const [campaignId, ids] of byCampaign)
        yield run(
          sql`INSERT INTO "CampaignEvent" ("id", "campaignId", "at", "kind", "detail") VALUES (${eventId()}, ${campaignId}, ${new Date()}, 'in-doubt',
              ${`${ids.length} deliveries were in flight when worker ${holder} stopped; resending with the same Message-ID: ${ids.join(", ")}`})`,
        );
    return n;
  });
  if (doubted > 0) log?.(`recovered ${doubted} in-doubt deliveries from ${holder}`);
  return doubted;
}

/** Ids for rows written in SQL (the schema's own default is a cuid; any unique text does). */
export const eventId = () => `ev_${randomBytes(12).toString("base64url")}`;
