import type { Db } from "../db";
import { execute, queryRows, sql, toNumber } from "../db/sql";
import type { Mailer } from "../mail/transport";
import { afterAttempt, type SmtpOutcome } from "./delivery-state";
import { claimBatch, eventId, giveBack, newWorkerId, recoverOrphans, releaseHolder, renewLease, unsend, type DeliveryRow } from "./leases";
import { campaignMessages, type CampaignContent, type MessageSettings } from "./messages";
import { databasePace, rateGate, realClock, sleep } from "./pacing";
import { resultRecorder } from "./recording";

/**
 * The delivery worker. Any number of them (one per app instance, or
 * `npm run worker`) can run on one campaign: rows are leased with guarded
 * updates (leases.ts), so no row is sent by two workers. Crash safety comes
 * from one rule: a delivery is marked "sending" in a committed write
 * *before* it is handed to SMTP, and each slot (one per SMTP connection)
 * holds at most one such row (recording.ts). After a crash, "sending" rows
 * are the only ones in doubt; they are resent with the same Message-ID and
 * listed in the campaign log. Pacing for relay quotas: pacing.ts; the
 * messages themselves: messages.ts.
 */
export type WorkerDeps = MessageSettings & {
  db: Db;
  mailer: Pick<Mailer, "send">;
  /** Slots = SMTP connections: the most deliveries that can be in doubt after a crash. */
  concurrency: number;
  ratePerSecond: number;
  ratePerHour: number;
  errorThreshold: number;
  maxAttempts: number;
  retrySeconds: number;
  leaseSeconds: number;
  workerId?: string;
  log?: (line: string) => void;
  /** A campaign started sending (publish it in the web archive). */
  onCampaignStarted?: (newsletterSlug: string) => Promise<unknown>;
  onProgress?: (p: { campaignId: string; sent: number; failed: number; retried: number }) => void;
  now?: () => Date;
};

export type Campaign = CampaignContent & { newsletterSlug: string };
export type CampaignRun = "done" | "paused" | "cancelled" | "waiting";

export { newWorkerId };

const nowOf = (d: WorkerDeps) => d.now?.() ?? new Date();

async function logEvent(db: Db, campaignId: string, kind: string, detail: string, at: Date) {
  await execute(
    db,
    sql`INSERT INTO "CampaignEvent" ("id", "campaignId", "at", "kind", "detail") VALUES (${eventId()}, ${campaignId}, ${at}, ${kind}, ${detail})`,
  );
}

/**
 * The campaigns to work on, oldest first: those already sending, and
 * scheduled ones whose time has come (started here, once).
 */
async function dueCampaigns(d: WorkerDeps, only?: string): Promise<Campaign[]> {
  const now = nowOf(d);
  const due = await d.db.campaign.findMany({
    where: { ...(only ? { id: only } : {}), OR: [{ status: "sending" }, { status: "scheduled", sendAt: { lte: now } }] },
    orderBy: { sendAt: "asc" },
    select: { id: true, subject: true, html: true, text: true, newsletterSlug: true, status: true, recipientCount: true },
  });
  for (const c of due) {
    if (c.status !== "scheduled") continue;
    const started = await execute(
      d.db,
      sql`UPDATE "Campaign" SET "status" = 'sending', "startedAt" = ${now} WHERE "id" = ${c.id} AND "status" = 'scheduled'`,
    );
    if (started) {
      await logEvent(d.db, c.id, "started", `sending to ${c.recipientCount} recipients`, now);
      await d.onCampaignStarted?.(c.newsletterSlug).catch(() => {});
    }
  }
  return due;
}

/** When the next delivery of a campaign waiting on retries is due, if any. */
async function nextRetryAt(d: WorkerDeps, campaignId: string): Promise<Date | undefined> {
  const [r] = await queryRows<{ at: unknown }>(
    d.db,
    sql`SELECT MIN("nextAttemptAt") AS "at" FROM "Delivery" WHERE "campaignId" = ${campaignId} AND "status" = 'queued'`,
  );
  return r?.at ? new Date(r.at as string) : undefined;
}

async function campaignStatus(db: Db, id: string): Promise<string | undefined> {
  const [r] = await queryRows<{ status: string }>(db, sql`SELECT "status" FROM "Campaign" WHERE "id" = ${id}`);
  return r?.status;
}

/** Sends one campaign until it is done, paused, cancelled, or only waiting on retries. */
export async function sendCampaign(d: WorkerDeps, me: string, c: Campaign, signal?: AbortSignal): Promise<CampaignRun> {
  const record = resultRecorder(d.db, me, { concurrency: d.concurrency, now: d.now });
  // The caps are shared by every worker through the database (pacing.ts).
  const gate = rateGate(d.ratePerSecond, d.ratePerHour, realClock, databasePace(d.db));
  const message = campaignMessages(d, c);
  const batchSize = Math.min(500, Math.max(50, d.concurrency * 25));
  const progress = { campaignId: c.id, sent: 0, failed: 0, retried: 0 };
  let queue: DeliveryRow[] = [];
  let refilling: Promise<void> | undefined;
  let exhausted = false;
  let stop: "paused" | "cancelled" | undefined;
  let consecutiveErrors = 0;

  const refill = async () => {
    const status = await campaignStatus(d.db, c.id);
    if (status !== "sending") {
      stop = status === "cancelled" ? "cancelled" : "paused";
      return;
    }
    const rows = await claimBatch(d.db, c.id, me, batchSize, nowOf(d));
    if (rows.length === 0) exhausted = true;
    queue.push(...rows);
  };
  const take = async (): Promise<DeliveryRow | undefined> => {
    while (!stop && !signal?.aborted) {
      const row = queue.shift();
      if (row) return row;
      if (exhausted) return undefined;
      refilling ??= refill().finally(() => (refilling = undefined));
      await refilling;
    }
    return undefined;
  };

  const sendOne = async (row: DeliveryRow): Promise<SmtpOutcome> => {
    try {
      await d.mailer.send(message({ deliveryId: row.id, subscriberId: row.subscriberId, email: row.email, firstName: row.firstName }));
      return { ok: true };
    } catch (e) {
      const err = e as { responseCode?: number; message?: string };
      return { ok: false, responseCode: err.responseCode, message: String(err.message ?? e).split("\n")[0] };
    }
  };

  const pauseAfterErrors = async (lastError: string) => {
    stop = "paused";
    const reason = `paused after ${consecutiveErrors} consecutive SMTP errors; last: ${lastError}`;
    const changed = await execute(
      d.db,
      sql`UPDATE "Campaign" SET "status" = 'paused', "pauseReason" = ${reason} WHERE "id" = ${c.id} AND "status" = 'sending'`,
    );
    if (changed) await logEvent(d.db, c.id, "paused", reason, nowOf(d));
    d.log?.(reason);
  };

  const slot = async () => {
    let row = await take();
    if (row && !(await record({ sending: row }))) row = undefined;
    while (row) {
      // Stopping (SIGTERM) while waiting for the sending cap: this row was
      // marked "sending" but never handed to SMTP, so it goes back as it was.
      if (!(await gate(signal))) {
        await unsend(d.db, me, row.id);
        break;
      }
      const step = afterAttempt(
        await sendOne(row),
        row.attempts + 1,
        { maxAttempts: d.maxAttempts, retrySeconds: d.retrySeconds },
        nowOf(d),
      );
      if (step.to === "sent") {
        consecutiveErrors = 0;
        progress.sent++;
      } else {
        if (step.to === "failed") progress.failed++;
        else progress.retried++;
        if (++consecutiveErrors >= d.errorThreshold && !stop) await pauseAfterErrors(step.error);
      }
      let next = stop ? undefined : await take();
      if (!(await record({ result: { row, step }, sending: next }))) next = undefined;
      d.onProgress?.(progress);
      row = next;
    }
  };

  const heartbeat = setInterval(() => void renewLease(d.db, me, nowOf(d)).catch(() => {}), Math.max(1000, (d.leaseSeconds * 1000) / 4));
  try {
    await Promise.all(Array.from({ length: d.concurrency }, slot));
  } finally {
    clearInterval(heartbeat);
    const back = queue.map((r) => r.id);
    queue = [];
    await giveBack(d.db, me, back);
  }
  if (stop) return stop;
  if (signal?.aborted) return "waiting";
  return finishIfComplete(d, c.id);
}

/** Marks a campaign done once no delivery is open, with its totals in the log. */
async function finishIfComplete(d: WorkerDeps, campaignId: string): Promise<CampaignRun> {
  const [open] = await queryRows<{ n: unknown }>(
    d.db,
    sql`SELECT COUNT(*) AS "n" FROM "Delivery" WHERE "campaignId" = ${campaignId} AND "status" IN ('queued', 'claimed', 'sending')`,
  );
  if (toNumber(open?.n) > 0) return "waiting";
  const now = nowOf(d);
  const finished = await execute(
    d.db,
    sql`UPDATE "Campaign" SET "status" = 'done', "finishedAt" = ${now} WHERE "id" = ${campaignId} AND "status" = 'sending'`,
  );
  if (finished) {
    const [t] = await queryRows<{ sent: unknown; failed: unknown; doubt: unknown }>(
      d.db,
      sql`SELECT SUM(CASE WHEN "status" = 'sent' THEN 1 ELSE 0 END) AS "sent", SUM(CASE WHEN "status" = 'failed' THEN 1 ELSE 0 END) AS "failed",
                 SUM(CASE WHEN "inDoubt" THEN 1 ELSE 0 END) AS "doubt" FROM "Delivery" WHERE "campaignId" = ${campaignId}`,
    );
    await logEvent(
      d.db,
      campaignId,
      "done",
      `sent ${toNumber(t?.sent)}, failed ${toNumber(t?.failed)}, resent after a crash ${toNumber(t?.doubt)}`,
      now,
    );
  }
  return "done";
}

/**
 * The worker loop: recover what dead workers left, then send whatever
 * campaign is due. With `once`, it returns when nothing is left to send
 * (the CLI's inline send); otherwise it polls for new campaigns.
 */
export async function runWorker(
  d: WorkerDeps,
  opts: { once?: boolean; campaignId?: string; signal?: AbortSignal; idleMs?: number } = {},
): Promise<void> {
  const me = d.workerId ?? newWorkerId();
  try {
    await loop(d, me, opts);
  } finally {
    // Whatever this worker still holds (nothing after a clean stop) goes back
    // now, so other workers resume at once instead of after the lease.
    if (opts.signal?.aborted) await releaseHolder(d.db, me, d.log).catch(() => {});
  }
}

async function loop(d: WorkerDeps, me: string, opts: { once?: boolean; campaignId?: string; signal?: AbortSignal; idleMs?: number }) {
  while (!opts.signal?.aborted) {
    try {
      if ((await workOnce(d, me, opts)) === "stop") return;
    } catch (e) {
      // A long-running worker outlives a database or relay hiccup: what it
      // held is recovered (in doubt where it was in flight) on the next pass.
      if (opts.once) throw e;
      d.log?.(`worker error, retrying in 5 s: ${(e as Error).message}`);
      await sleep(5000, opts.signal);
      await releaseHolder(d.db, me, d.log).catch(() => {});
    }
  }
}

/** A `once` run (the CLI's inline send, tests) waits this long for retries before leaving them to `npm run worker`. */
const ONCE_WAITS_FOR_RETRIES_MS = 60_000;

/**
 * One pass: recover what dead workers left, then work through every due
 * campaign in turn, so one campaign waiting hours on retries never holds
 * back the next.
 */
async function workOnce(
  d: WorkerDeps,
  me: string,
  opts: { once?: boolean; campaignId?: string; signal?: AbortSignal; idleMs?: number },
): Promise<"stop" | "again"> {
  await recoverOrphans(d.db, me, d.leaseSeconds, nowOf(d), d.log);
  const due = await dueCampaigns(d, opts.campaignId);
  let soonest: number | undefined;
  for (const c of due) {
    if (opts.signal?.aborted) return "stop";
    if ((await sendCampaign(d, me, c, opts.signal)) !== "waiting") continue;
    const at = (await nextRetryAt(d, c.id))?.getTime() ?? Date.now();
    soonest = Math.min(soonest ?? at, at);
  }
  if (soonest === undefined) {
    if (opts.once) return "stop";
    await sleep(opts.idleMs ?? 2000, opts.signal);
    return "again";
  }
  // Only retries (or rows another worker holds) are left.
  const wait = Math.max(0, soonest - nowOf(d).getTime());
  if (opts.once && wait > ONCE_WAITS_FOR_RETRIES_MS) return "stop";
  await sleep(Math.min(Math.max(wait, 200), 5000), opts.signal);
  return "again";
}
