import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { concat, list, queryRows, sql } from "../db/sql";
import { get, lock, run, transact } from "../db/transaction";
import { canTransition, type CampaignStatus } from "./delivery-state";
import { eventId } from "./leases";
import { campaignTopicsText } from "./topics";

/**
 * Campaigns for editors: create (freeze recipients), pause, resume, cancel,
 * counts and log. Sending is the worker's job (worker.ts).
 */
export type CreateCampaignInput = {
  newsletterSlug: string;
  subject: string;
  html: string;
  text: string;
  sendAt: Date;
  /** Category slugs the campaign targets (checked by the caller, lib/newsletter/topics.ts); none or absent: everyone. */
  topics?: readonly string[];
};

/**
 * THE recipient rule, written once: confirmed, not paused, not suppressed,
 * and, for a campaign with topics, a reader who takes every topic or chose
 * one of them (decision 0044). createCampaign freezes exactly these rows
 * and countRecipients counts exactly these rows (from the same two parts),
 * so the number an editor confirms and the list that is frozen cannot
 * disagree.
 */
const recipientsWhere = (topics: readonly string[]) =>
  concat(
    concat(sql` FROM "Subscriber" s WHERE`, listed(topics)),
    sql` AND NOT EXISTS (SELECT 1 FROM "Suppression" x WHERE x."emailHash" = s."emailHash")`,
  );

/**
 * The rule before suppressions, as conditions on s (a Subscriber). Without
 * topics it names only the (status, paused) index's columns, so a count
 * reads that index alone.
 */
const listed = (topics: readonly string[]) =>
  topics.length === 0
    ? sql` s."status" = 'confirmed' AND NOT s."paused"`
    : sql` s."status" = 'confirmed' AND NOT s."paused"
            AND (s."allTopics" OR EXISTS (SELECT 1 FROM "SubscriberTopic" st WHERE st."subscriberId" = s."id" AND st."topic" IN ${list(topics)}))`;

export type CreateResult =
  | { kind: "created"; campaignId: string; recipients: number }
  | { kind: "already-sent"; campaignId: string; status: string; sendAt: Date }
  | { kind: "no-recipients" };

class EmptyList extends Error {}

/**
 * Freezes the recipient list (confirmed, not paused, not suppressed, at
 * this moment) into a new campaign, in one transaction: either the
 * campaign and every delivery exist, or nothing does.
 *
 * One campaign per issue: unless `resend` is asked for explicitly, an issue
 * that has a campaign (other than a cancelled one) gets none. The database
 * enforces it: sends of one issue are serialised by a lock inside the
 * transaction, and campaigns are numbered per issue with a unique number,
 * so two sends at once (two terminals, a double click, two instances)
 * cannot both create one; the loser is told which campaign exists.
 */
export async function createCampaign(
  db: Db,
  input: CreateCampaignInput,
  /**
   * `resendAfter`: a resend asked for from a form that showed this campaign as the
   * issue's latest. A second post of the same form (a double click, the back
   * button) finds a newer campaign and is refused like any other second send.
   */
  opts: { resend: boolean; resendAfter?: string },
): Promise<CreateResult> {
  const existing = () =>
    transact(db, function* () {
      return (yield get(sql`SELECT "id", "status", "sendAt" FROM "Campaign" WHERE "newsletterSlug" = ${input.newsletterSlug} AND "status" <> 'cancelled'
          ORDER BY "sequence" DESC LIMIT 1`)) as { id: string; status: string; sendAt: unknown } | undefined;
    });
  try {
    return await transact(db, function* (): Generator<ReturnType<typeof get>, CreateResult, unknown> {
      // Sends of one issue take turns (an advisory lock on PostgreSQL; SQLite
      // runs one writer anyway): the check below and the insert cannot
      // interleave with another send's. The unique number is the backstop.
      yield lock(`campaign:${input.newsletterSlug}`);
      const active = (yield get(sql`SELECT "id", "status", "sendAt" FROM "Campaign" WHERE "newsletterSlug" = ${input.newsletterSlug}
          AND "status" <> 'cancelled' ORDER BY "sequence" DESC LIMIT 1`)) as { id: string; status: string; sendAt: unknown } | undefined;
      if (active && (!opts.resend || (opts.resendAfter !== undefined && opts.resendAfter !== active.id)))
        return { kind: "already-sent", campaignId: active.id, status: active.status, sendAt: new Date(active.sendAt as string) };
      const last = (yield get(sql`SELECT MAX("sequence") AS "n" FROM "Campaign" WHERE "newsletterSlug" = ${input.newsletterSlug}`)) as {
        n: unknown;
      };
      const id = `c${randomBytes(12).toString("hex")}`;
      const now = new Date();
      const topics = input.topics ?? [];
      yield run(sql`INSERT INTO "Campaign" ("id", "newsletterSlug", "sequence", "subject", "html", "text", "status", "sendAt", "recipientCount", "topics", "createdAt")
          VALUES (${id}, ${input.newsletterSlug}, ${Number(last?.n ?? 0) + 1}, ${input.subject}, ${input.html}, ${input.text}, 'scheduled', ${input.sendAt}, 0, ${campaignTopicsText(topics)}, ${now})`);
      // One INSERT … SELECT inside the database: memory stays flat however
      // long the list is. Delivery ids are campaign-subscriber, so Message-IDs
      // are stable without a lookup.
      const recipients = (yield run(
        concat(
          sql`INSERT INTO "Delivery" ("id", "campaignId", "subscriberId", "email", "firstName", "status", "attempts", "nextAttemptAt", "inDoubt")
          SELECT ${id} || '-' || s."id", ${id}, s."id", s."email", s."firstName", 'queued', 0, ${input.sendAt}, ${false}`,
          recipientsWhere(topics),
        ),
      )) as number;
      // An empty list rolls the whole campaign back: nothing is left behind.
      if (recipients === 0) throw new EmptyList();
      yield run(sql`UPDATE "Campaign" SET "recipientCount" = ${recipients} WHERE "id" = ${id}`);
      yield run(sql`INSERT INTO "CampaignEvent" ("id", "campaignId", "at", "kind", "detail")
          VALUES (${eventId()}, ${id}, ${now}, 'created', ${`${recipients} recipients frozen${topics.length ? ` (topics: ${topics.join(", ")})` : ""}; sends at ${input.sendAt.toISOString()}`})`);
      return { kind: "created", campaignId: id, recipients };
    });
  } catch (e) {
    if (e instanceof EmptyList) return { kind: "no-recipients" };
    if (isUniqueViolation(e)) {
      // Another send of this issue won the race; name its campaign.
      const winner = await existing();
      if (winner) return { kind: "already-sent", campaignId: winner.id, status: winner.status, sendAt: new Date(winner.sendAt as string) };
    }
    throw e;
  }
}

/**
 * How many people a campaign for these topics, created now, would freeze:
 * recipientsWhere, the rule createCampaign's INSERT … SELECT uses, counted
 * (the console and the CLI show it before an editor confirms;
 * campaigns.int.test.ts checks the two agree).
 */
export async function countRecipients(db: Db, topics: readonly string[] = []): Promise<number> {
  // Counted as (everyone the rule lists) minus (those of them with a suppression): the same number as
  // COUNT(*) over recipientsWhere, since an address hash is unique in both tables, but the first part
  // reads one index and the second probes once per suppression instead of once per subscriber (with
  // 100,000 subscribers that probe per row was the slowest query the console ran).
  const [r] = await queryRows<{ n: unknown }>(
    db,
    concat(
      concat(
        concat(sql`SELECT (SELECT COUNT(*) FROM "Subscriber" s WHERE`, listed(topics)),
        sql`)
          - (SELECT COUNT(*) FROM "Suppression" x WHERE EXISTS (SELECT 1 FROM "Subscriber" s WHERE s."emailHash" = x."emailHash" AND`,
      ),
      concat(listed(topics), sql`)) AS "n"`),
    ),
  );
  return Number(r?.n ?? 0);
}

export type CampaignCounts = { queued: number; sent: number; failed: number; inFlight: number; inDoubt: number; total: number };

/**
 * Progress for the CLI and the editor console: one pass over the campaign's
 * slice of the (campaignId, status, nextAttemptAt, inDoubt) index, no table
 * rows read (90,000 deliveries: a separate inDoubt count read every row).
 */
export async function campaignCounts(db: Db, campaignId: string): Promise<CampaignCounts> {
  const groups = await queryRows<{ status: string; n: unknown; doubt: unknown }>(
    db,
    sql`SELECT "status", COUNT(*) AS "n", SUM(CASE WHEN "inDoubt" THEN 1 ELSE 0 END) AS "doubt"
          FROM "Delivery" WHERE "campaignId" = ${campaignId} GROUP BY "status"`,
  );
  const by: Record<string, number> = {};
  let inDoubt = 0;
  for (const g of groups) {
    by[g.status] = Number(g.n);
    inDoubt += Number(g.doubt ?? 0);
  }
  const c = {
    queued: by.queued ?? 0,
    sent: by.sent ?? 0,
    failed: by.failed ?? 0,
    inFlight: (by.claimed ?? 0) + (by.sending ?? 0),
    inDoubt,
    total: 0,
  };
  c.total = c.queued + c.sent + c.failed + c.inFlight;
  return c;
}

export type CommandResult = { ok: true; status: CampaignStatus } | { ok: false; message: string };

/** pause | resume | cancel, guarded by the current state so two editors cannot race each other into nonsense. */
export async function commandCampaign(
  db: Db,
  campaignId: string,
  command: "pause" | "resume" | "cancel",
  reason?: string,
): Promise<CommandResult> {
  const c = await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true, startedAt: true } });
  if (!c) return { ok: false, message: `no campaign ${campaignId}` };
  const from = c.status as CampaignStatus;
  if (!canTransition(from, command)) return { ok: false, message: `campaign is ${from}; cannot ${command}` };
  const to: CampaignStatus = command === "pause" ? "paused" : command === "cancel" ? "cancelled" : c.startedAt ? "sending" : "scheduled";
  const changed = await db.campaign.updateMany({
    where: { id: campaignId, status: from },
    data: { status: to, pauseReason: command === "pause" ? (reason ?? "paused by an editor") : null },
  });
  if (changed.count === 0) return { ok: false, message: "the campaign changed meanwhile; look again" };
  await db.campaignEvent.create({
    data: {
      campaignId,
      kind: command === "pause" ? "paused" : command === "cancel" ? "cancelled" : "resumed",
      detail: reason ?? `by an editor`,
    },
  });
  return { ok: true, status: to };
}

export async function campaignLog(db: Db, campaignId: string) {
  return db.campaignEvent.findMany({ where: { campaignId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

/** Slugs of issues that went out (or are going out): the web archive lists these. */
export async function sentIssueSlugs(db: Db): Promise<{ slug: string; sentAt: Date }[]> {
  const rows = await db.campaign.findMany({
    where: { status: { in: ["sending", "done"] } },
    select: { newsletterSlug: true, startedAt: true, sendAt: true },
    orderBy: { sendAt: "desc" },
  });
  const seen = new Map<string, Date>();
  for (const r of rows) if (!seen.has(r.newsletterSlug)) seen.set(r.newsletterSlug, r.startedAt ?? r.sendAt);
  return [...seen].map(([slug, sentAt]) => ({ slug, sentAt }));
}
