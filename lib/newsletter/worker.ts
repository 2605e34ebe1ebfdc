import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { dialectOf, placeholders, type Db } from "../db/client";
import type { Mailer, Message } from "../mail/transport";
import { afterAttempt, messageIdFor, type DeliveryStep, type SmtpOutcome } from "./delivery-state";
import { personaliser } from "./issue";
import { listHeaders } from "./list-headers";
import { newsletterLinks } from "./tokens";
import { emailHash } from "./address";
import { compileMimeIssue } from "./mime-template";

/**
 * The delivery worker. Any number of them (one per app instance, or
 * `npm run worker`) can run on one campaign: rows are leased with guarded
 * updates, so no row is sent by two workers. Crash safety comes from one
 * rule: a delivery is marked "sending" in a committed write *before* it is
 * handed to SMTP, and each slot (one per SMTP connection) holds at most one
 * such row. After a crash, "sending" rows (at most one per connection) are
 * the only ones in doubt; they are resent with the same Message-ID and
 * listed in the campaign log. Results are written in group commits: one
 * transaction records every slot's finished message and marks its next one.
 */
export type WorkerDeps = {
  db: Db;
  mailer: Pick<Mailer, "send">;
  /** The sender, "Name <address>" (MAIL_FROM). */
  from: string;
  publicUrl: string;
  secret: string;
  listId: string;
  unsubscribeMailto: string;
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

type Row = { id: string; campaignId: string; subscriberId: string; email: string; firstName: string | null; attempts: number };
export type Campaign = { id: string; subject: string; html: string; text: string; newsletterSlug: string };
export type CampaignRun = "done" | "paused" | "cancelled" | "waiting";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** A worker on this machine whose process is gone is dead now, not after its lease. */
function isDeadHere(workerId: string): boolean {
  const [host, pid] = workerId.split(":");
  if (host !== hostname() || !/^\d+$/.test(pid ?? "")) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Gives back what dead workers held: leased rows go back to the queue,
 * rows that were in flight go back marked in doubt and are logged.
 */
export async function recoverOrphans(d: WorkerDeps, me: string): Promise<number> {
  const now = d.now?.() ?? new Date();
  const holders = await d.db.delivery.groupBy({ by: ["claimedBy"], where: { status: { in: ["claimed", "sending"] }, claimedBy: { not: null } }, _max: { claimedAt: true } });
  let recovered = 0;
  for (const h of holders) {
    const holder = h.claimedBy!;
    if (holder === me) continue;
    const stale = (h._max.claimedAt?.getTime() ?? 0) < now.getTime() - d.leaseSeconds * 1000;
    if (!stale && !isDeadHere(holder)) continue;
    recovered += await releaseHolder(d, holder);
  }
  return recovered;
}

/** Gives back one holder's rows: leased ones to the queue, in-flight ones to the queue marked in doubt (and logged). */
async function releaseHolder(d: WorkerDeps, holder: string): Promise<number> {
  const inFlight = await d.db.delivery.findMany({ where: { claimedBy: holder, status: "sending" }, select: { id: true, campaignId: true } });
  const [, doubted] = await d.db.$transaction([
    d.db.delivery.updateMany({ where: { claimedBy: holder, status: "claimed" }, data: { status: "queued", claimedBy: null, claimedAt: null } }),
    d.db.delivery.updateMany({ where: { id: { in: inFlight.map((r) => r.id) }, claimedBy: holder, status: "sending" }, data: { status: "queued", claimedBy: null, claimedAt: null, inDoubt: true } }),
  ]);
  if (doubted.count > 0) {
    const byCampaign = new Map<string, string[]>();
    for (const r of inFlight) byCampaign.set(r.campaignId, [...(byCampaign.get(r.campaignId) ?? []), r.id]);
    for (const [campaignId, ids] of byCampaign)
      await d.db.campaignEvent.create({
        data: { campaignId, kind: "in-doubt", detail: `${ids.length} deliveries were in flight when worker ${holder} stopped; resending with the same Message-ID: ${ids.join(", ")}` },
      });
    d.log?.(`recovered ${doubted.count} in-doubt deliveries from ${holder}`);
  }
  return doubted.count;
}

/**
 * The campaigns to work on, oldest first: those already sending, and
 * scheduled ones whose time has come (started here, once).
 */
async function dueCampaigns(d: WorkerDeps, only?: string): Promise<(Campaign & { sendAt: Date })[]> {
  const now = d.now?.() ?? new Date();
  const where = { ...(only ? { id: only } : {}), OR: [{ status: "sending" }, { status: "scheduled", sendAt: { lte: now } }] };
  const due = await d.db.campaign.findMany({ where, orderBy: { sendAt: "asc" } });
  for (const c of due) {
    if (c.status !== "scheduled") continue;
    const started = await d.db.campaign.updateMany({ where: { id: c.id, status: "scheduled" }, data: { status: "sending", startedAt: now } });
    if (started.count) {
      await d.db.campaignEvent.create({ data: { campaignId: c.id, kind: "started", detail: `sending to ${c.recipientCount} recipients` } });
      await d.onCampaignStarted?.(c.newsletterSlug).catch(() => {});
    }
  }
  return due;
}

/** When the next delivery of a campaign waiting on retries is due, if any. */
async function nextRetryAt(d: WorkerDeps, campaignId: string): Promise<Date | undefined> {
  const r = await d.db.delivery.findFirst({ where: { campaignId, status: "queued" }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } });
  return r?.nextAttemptAt;
}

/** Messages per second and per hour, for relays with quotas (per worker). */
function rateGate(perSecond: number, perHour: number) {
  let tokens = perSecond > 0 ? Math.max(1, perSecond) : 0;
  let last = Date.now();
  let hourStart = Date.now();
  let hourCount = 0;
  return async () => {
    if (perHour > 0) {
      if (Date.now() - hourStart >= 3_600_000) {
        hourStart = Date.now();
        hourCount = 0;
      }
      if (hourCount >= perHour) await sleep(hourStart + 3_600_000 - Date.now());
      hourCount++;
    }
    if (perSecond <= 0) return;
    for (;;) {
      const t = Date.now();
      tokens = Math.min(Math.max(1, perSecond), tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - tokens) / perSecond) * 1000));
    }
  };
}

type Result = { row: Row; step: DeliveryStep };

/** Collects slot results and "sending" marks; writes each batch in one transaction. */
function groupCommit(d: WorkerDeps, me: string) {
  type Op = { result?: Result; sending?: Row; done: (ok: boolean) => void; fail: (e: unknown) => void };
  let pending: Op[] = [];
  // SQLite has one writer: one commit at a time, each carrying whatever
  // piled up. PostgreSQL commits from several connections at once and
  // groups their WAL flushes itself, so each slot may commit on its own.
  const maxFlushes = dialectOf(d.db) === "postgres" ? d.concurrency : 1;
  let flushes = 0;
  const flush = async () => {
    while (pending.length) {
      const ops = pending;
      pending = [];
      const now = d.now?.() ?? new Date();
      const sent = ops.flatMap((o) => (o.result?.step.to === "sent" ? [o.result.row.id] : []));
      const marks = ops.flatMap((o) => (o.sending ? [o.sending.id] : []));
      const others = ops.flatMap((o) => (o.result && o.result.step.to !== "sent" ? [o.result] : []));
      try {
        // One raw statement records every finished message and marks every
        // slot's next one: Prisma's query builder would cost several times
        // the query, and this runs once per message (see docs/performance.md).
        const ph = (n: number, offset: number) => placeholders(d.db, Math.max(1, n), offset);
        const sentList = sent.length ? sent : [""];
        const markList = marks.length ? marks : [""];
        const both = d.db.$executeRawUnsafe(
          `UPDATE "Delivery" SET
             "status" = CASE WHEN "status" = 'sending' THEN 'sent' ELSE 'sending' END,
             "sentAt" = CASE WHEN "status" = 'sending' THEN ${ph(1, 0)} ELSE "sentAt" END,
             "attempts" = CASE WHEN "status" = 'sending' THEN "attempts" + 1 ELSE "attempts" END,
             "error" = CASE WHEN "status" = 'sending' THEN NULL ELSE "error" END,
             "claimedAt" = ${ph(1, 1)}
           WHERE "claimedBy" = ${ph(1, 2)}
             AND (("status" = 'sending' AND "id" IN (${ph(sentList.length, 3)})) OR ("status" = 'claimed' AND "id" IN (${ph(markList.length, 3 + sentList.length)})))`,
          now,
          now,
          me,
          ...sentList,
          ...markList,
        );
        const writes = [
          both,
          ...others.flatMap(({ row, step }) => {
            if (step.to === "queued")
              return [d.db.delivery.updateMany({ where: { id: row.id, claimedBy: me }, data: { status: "queued", attempts: row.attempts + 1, nextAttemptAt: step.retryAt, error: step.error, claimedBy: null, claimedAt: null } })];
            if (step.to !== "failed") return [];
            const w = [
              d.db.delivery.updateMany({ where: { id: row.id, claimedBy: me }, data: { status: "failed", attempts: row.attempts + 1, error: step.error } }),
              d.db.campaignEvent.create({ data: { campaignId: row.campaignId, kind: "failed", detail: `delivery ${row.id}: ${step.error}${step.suppress ? " (address suppressed)" : ""}` } }),
            ];
            if (step.suppress) {
              const hash = emailHash(row.email);
              w.push(d.db.suppression.upsert({ where: { emailHash: hash }, create: { emailHash: hash, reason: "bounced" }, update: { reason: "bounced" } }) as never);
              w.push(d.db.subscriber.deleteMany({ where: { id: row.subscriberId } }) as never);
            }
            return w;
          }),
        ];
        const [changed] = (others.length ? await d.db.$transaction(writes as never) : [await both]) as number[];
        const marked = { count: Number(changed) - sent.length };
        let mine: Set<string> | undefined;
        // Fewer rows than expected: a lease was taken over (ours expired). Ask which marks are ours.
        if (marked.count !== marks.length)
          mine = new Set((await d.db.delivery.findMany({ where: { id: { in: marks }, status: "sending", claimedBy: me }, select: { id: true } })).map((r) => r.id));
        for (const o of ops) o.done(!o.sending || !mine || mine.has(o.sending.id));
      } catch (e) {
        for (const o of ops) o.fail(e);
      }
    }
    flushes--;
  };
  return (op: { result?: Result; sending?: Row }) =>
    new Promise<boolean>((done, fail) => {
      pending.push({ ...op, done, fail });
      // Started on the next turn, so every slot that finished in this turn joins the same commit.
      if (flushes < maxFlushes) {
        flushes++;
        setImmediate(() => void flush());
      }
    });
}

/**
 * The per-recipient message of an issue: the frozen HTML and text with the
 * recipient's name and links substituted, list headers, and the
 * deterministic Message-ID. Cheap: string joins and one HMAC per link.
 */
export function issueMessages(d: Pick<WorkerDeps, "publicUrl" | "secret" | "listId" | "unsubscribeMailto">, c: Campaign) {
  const fill = personaliser(c);
  const links = newsletterLinks(d.publicUrl, d.secret);
  const host = new URL(d.publicUrl).hostname;
  return (r: { deliveryId: string; subscriberId: string; email: string; firstName: string | null }): Message => {
    const personal = fill({ firstName: r.firstName, unsubscribeUrl: links.unsubscribe(r.subscriberId), preferencesUrl: links.preferences(r.subscriberId) });
    return {
      to: r.email,
      subject: c.subject,
      html: personal.html,
      text: personal.text,
      messageId: messageIdFor(c.id, r.deliveryId, host),
      headers: listHeaders({ oneClickUrl: links.oneClick(r.subscriberId), mailto: d.unsubscribeMailto, subscriberId: r.subscriberId, listId: d.listId }),
    };
  };
}

/** Sends one campaign until it is done, paused, cancelled, or only waiting on retries. */
export async function sendCampaign(d: WorkerDeps, me: string, c: Campaign, signal?: AbortSignal): Promise<CampaignRun> {
  const commit = groupCommit(d, me);
  const gate = rateGate(d.ratePerSecond, d.ratePerHour);
  const batchSize = Math.min(500, Math.max(50, d.concurrency * 25));
  const progress = { campaignId: c.id, sent: 0, failed: 0, retried: 0 };
  let queue: Row[] = [];
  let refilling: Promise<void> | undefined;
  let exhausted = false;
  let stop: "paused" | "cancelled" | undefined;
  let consecutiveErrors = 0;

  const refill = async () => {
    const status = (await d.db.campaign.findUnique({ where: { id: c.id }, select: { status: true } }))?.status;
    if (status !== "sending") {
      stop = status === "cancelled" ? "cancelled" : "paused";
      return;
    }
    const now = d.now?.() ?? new Date();
    const ids = (await d.db.delivery.findMany({ where: { campaignId: c.id, status: "queued", nextAttemptAt: { lte: now } }, select: { id: true }, take: batchSize })).map((r) => r.id);
    if (ids.length === 0) {
      exhausted = true;
      return;
    }
    await d.db.delivery.updateMany({ where: { id: { in: ids }, status: "queued" }, data: { status: "claimed", claimedBy: me, claimedAt: now } });
    queue.push(...(await d.db.delivery.findMany({ where: { id: { in: ids }, status: "claimed", claimedBy: me }, select: { id: true, campaignId: true, subscriberId: true, email: true, firstName: true, attempts: true } })));
  };
  const take = async (): Promise<Row | undefined> => {
    while (!stop && !signal?.aborted) {
      const row = queue.shift();
      if (row) return row;
      if (exhausted) return undefined;
      refilling ??= refill().finally(() => (refilling = undefined));
      await refilling;
    }
    return undefined;
  };

  const build = issueMessages(d, c);
  const buildRaw = compileMimeIssue({ from: d.from, subject: c.subject, html: c.html, text: c.text, listId: d.listId, unsubscribeMailto: d.unsubscribeMailto });
  const links = newsletterLinks(d.publicUrl, d.secret);
  const host = new URL(d.publicUrl).hostname;
  const sendOne = async (row: Row): Promise<SmtpOutcome> => {
    try {
      const raw = buildRaw({
        to: row.email,
        messageId: messageIdFor(c.id, row.id, host),
        firstName: row.firstName,
        unsubscribeUrl: links.unsubscribe(row.subscriberId),
        preferencesUrl: links.preferences(row.subscriberId),
        oneClickUrl: links.oneClick(row.subscriberId),
        subscriberId: row.subscriberId,
      });
      // Addresses that need SMTPUTF8 go through nodemailer's own composer.
      await d.mailer.send(raw ?? build({ deliveryId: row.id, subscriberId: row.subscriberId, email: row.email, firstName: row.firstName }));
      return { ok: true };
    } catch (e) {
      const err = e as { responseCode?: number; message?: string };
      return { ok: false, responseCode: err.responseCode, message: String(err.message ?? e).split("\n")[0] };
    }
  };

  const slot = async () => {
    let row = await take();
    if (row && !(await commit({ sending: row }))) row = undefined;
    while (row) {
      await gate();
      const outcome = await sendOne(row);
      const step = afterAttempt(outcome, row.attempts + 1, { maxAttempts: d.maxAttempts, retrySeconds: d.retrySeconds }, d.now?.() ?? new Date());
      if (step.to === "sent") {
        consecutiveErrors = 0;
        progress.sent++;
      } else {
        if (step.to === "failed") progress.failed++;
        else progress.retried++;
        if (++consecutiveErrors >= d.errorThreshold && !stop) {
          stop = "paused";
          const reason = `paused after ${consecutiveErrors} consecutive SMTP errors; last: ${step.error}`;
          await d.db.campaign.updateMany({ where: { id: c.id, status: "sending" }, data: { status: "paused", pauseReason: reason } });
          await d.db.campaignEvent.create({ data: { campaignId: c.id, kind: "paused", detail: reason } });
          d.log?.(reason);
        }
      }
      let next = stop ? undefined : await take();
      const ok = await commit({ result: { row, step }, sending: next });
      if (!ok) next = undefined;
      d.onProgress?.(progress);
      row = next;
    }
  };

  const heartbeat = setInterval(() => {
    void d.db.delivery.updateMany({ where: { claimedBy: me, status: { in: ["claimed", "sending"] } }, data: { claimedAt: d.now?.() ?? new Date() } }).catch(() => {});
  }, Math.max(1000, (d.leaseSeconds * 1000) / 4));
  try {
    await Promise.all(Array.from({ length: d.concurrency }, slot));
  } finally {
    clearInterval(heartbeat);
    // Leased rows never handed to SMTP go back to the queue, untouched.
    const back = queue.map((r) => r.id);
    queue = [];
    if (back.length) await d.db.delivery.updateMany({ where: { id: { in: back }, status: "claimed", claimedBy: me }, data: { status: "queued", claimedBy: null, claimedAt: null } });
  }
  if (stop) return stop;
  if (signal?.aborted) return "waiting";
  const open = await d.db.delivery.count({ where: { campaignId: c.id, status: { in: ["queued", "claimed", "sending"] } } });
  if (open > 0) return "waiting";
  const finished = await d.db.campaign.updateMany({ where: { id: c.id, status: "sending" }, data: { status: "done", finishedAt: d.now?.() ?? new Date() } });
  if (finished.count) {
    const [sent, failed, inDoubt] = await Promise.all([
      d.db.delivery.count({ where: { campaignId: c.id, status: "sent" } }),
      d.db.delivery.count({ where: { campaignId: c.id, status: "failed" } }),
      d.db.delivery.count({ where: { campaignId: c.id, inDoubt: true } }),
    ]);
    await d.db.campaignEvent.create({ data: { campaignId: c.id, kind: "done", detail: `sent ${sent}, failed ${failed}, resent after a crash ${inDoubt}` } });
  }
  return "done";
}

/**
 * The worker loop: recover what dead workers left, then send whatever
 * campaign is due. With `once`, it returns when nothing is left to send
 * (the CLI's inline send); otherwise it polls for new campaigns.
 */
export async function runWorker(d: WorkerDeps, opts: { once?: boolean; campaignId?: string; signal?: AbortSignal; idleMs?: number } = {}): Promise<void> {
  const me = d.workerId ?? newWorkerId();
  while (!opts.signal?.aborted) {
    try {
      if ((await workOnce(d, me, opts)) === "stop") return;
    } catch (e) {
      // A long-running worker outlives a database or relay hiccup: what it
      // held is recovered (in doubt where it was in flight) on the next pass.
      if (opts.once) throw e;
      d.log?.(`worker error, retrying in 5 s: ${(e as Error).message}`);
      await sleep(5000);
      await releaseHolder(d, me).catch(() => {});
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
async function workOnce(d: WorkerDeps, me: string, opts: { once?: boolean; campaignId?: string; signal?: AbortSignal; idleMs?: number }): Promise<"stop" | "again"> {
  await recoverOrphans(d, me);
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
    await sleep(opts.idleMs ?? 2000);
    return "again";
  }
  // Only retries (or rows another worker holds) are left.
  const wait = Math.max(0, soonest - (d.now?.() ?? new Date()).getTime());
  if (opts.once && wait > ONCE_WAITS_FOR_RETRIES_MS) return "stop";
  await sleep(Math.min(Math.max(wait, 200), 5000));
  return "again";
}
