import type { Db } from "../db";
import { queryRows, sql, toNumber } from "../db/sql";

/**
 * The newsletter gauges of /api/metrics (lib/metrics), read from the
 * database at scrape time so they describe every worker on every instance:
 * deliveries by state, the queue of sending campaigns, and how long the
 * oldest due work has waited (a growing lag means no worker is keeping up,
 * or none runs).
 */
export async function newsletterSnapshot(db: Db, now = new Date()) {
  const [states, queue, due] = await Promise.all([
    queryRows<{ status: string; n: unknown }>(db, sql`SELECT "status", COUNT(*) AS "n" FROM "Delivery" GROUP BY "status"`),
    queryRows<{ n: unknown }>(
      db,
      sql`SELECT COUNT(*) AS "n" FROM "Delivery" d JOIN "Campaign" c ON c."id" = d."campaignId" WHERE c."status" = 'sending' AND d."status" IN ('queued', 'claimed')`,
    ),
    queryRows<{ delivery: unknown; campaign: unknown }>(
      db,
      sql`SELECT
            (SELECT MIN(d."nextAttemptAt") FROM "Delivery" d JOIN "Campaign" c ON c."id" = d."campaignId"
              WHERE c."status" = 'sending' AND d."status" = 'queued' AND d."nextAttemptAt" <= ${now}) AS "delivery",
            (SELECT MIN("sendAt") FROM "Campaign" WHERE "status" = 'scheduled' AND "sendAt" <= ${now}) AS "campaign"`,
    ),
  ]);
  const oldest = [due[0]?.delivery, due[0]?.campaign].filter((v) => v != null).map((v) => new Date(v as string).getTime());
  return {
    deliveries: Object.fromEntries(states.map((r) => [r.status, toNumber(r.n)])),
    queueDepth: toNumber(queue[0]?.n),
    lagSeconds: oldest.length ? Math.max(0, (now.getTime() - Math.min(...oldest)) / 1000) : 0,
  };
}
