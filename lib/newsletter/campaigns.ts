import { placeholders, type Db } from "../db/client";
import { canTransition, type CampaignStatus } from "./delivery-state";

/**
 * Campaigns for editors: create (freeze recipients), pause, resume, cancel,
 * counts and log. Sending is the worker's job (worker.ts).
 */
export type CreateCampaignInput = { newsletterSlug: string; subject: string; html: string; text: string; sendAt: Date };

export type CreateResult =
  | { kind: "created"; campaignId: string; recipients: number }
  | { kind: "already-sent"; campaignId: string; status: string }
  | { kind: "no-recipients" };

/**
 * Freezes the recipient list: confirmed, not paused, not suppressed, at this
 * moment. One transaction: either the campaign and every delivery exist,
 * or nothing does.
 */
export async function createCampaign(db: Db, input: CreateCampaignInput, opts: { force: boolean }): Promise<CreateResult> {
  const earlier = await db.campaign.findFirst({ where: { newsletterSlug: input.newsletterSlug, status: { not: "cancelled" } }, orderBy: { createdAt: "desc" } });
  if (earlier && !opts.force) return { kind: "already-sent", campaignId: earlier.id, status: earlier.status };

  return db.$transaction(
    async (tx) => {
      const campaign = await tx.campaign.create({
        data: { newsletterSlug: input.newsletterSlug, subject: input.subject, html: input.html, text: input.text, sendAt: input.sendAt, recipientCount: 0, status: "scheduled" },
        select: { id: true },
      });
      // One INSERT … SELECT inside the database: memory stays flat however
      // long the list is. Delivery ids are campaign-subscriber, so Message-IDs
      // are stable without a lookup.
      const recipients = Number(
        await tx.$executeRawUnsafe(
          `INSERT INTO "Delivery" ("id", "campaignId", "subscriberId", "email", "firstName", "nextAttemptAt")
           SELECT ${placeholders(db, 1, 0)} || '-' || s."id", ${placeholders(db, 1, 1)}, s."id", s."email", s."firstName", ${placeholders(db, 1, 2)}
           FROM "Subscriber" s
           WHERE s."status" = 'confirmed' AND NOT s."paused"
             AND NOT EXISTS (SELECT 1 FROM "Suppression" x WHERE x."emailHash" = s."emailHash")`,
          campaign.id,
          campaign.id,
          input.sendAt,
        ),
      );
      if (recipients === 0) throw new EmptyList();
      await tx.campaign.update({ where: { id: campaign.id }, data: { recipientCount: recipients } });
      await tx.campaignEvent.create({ data: { campaignId: campaign.id, kind: "created", detail: `${recipients} recipients frozen; sends at ${input.sendAt.toISOString()}` } });
      return { kind: "created" as const, campaignId: campaign.id, recipients };
    },
    { timeout: 600_000, maxWait: 60_000 },
  ).catch((e) => {
    // An empty list rolls the whole campaign back: nothing is left behind.
    if (e instanceof EmptyList) return { kind: "no-recipients" as const };
    throw e;
  });
}

class EmptyList extends Error {}

export type CampaignCounts = { queued: number; sent: number; failed: number; inFlight: number; inDoubt: number; total: number };

/** Progress for the CLI and the editor console. */
export async function campaignCounts(db: Db, campaignId: string): Promise<CampaignCounts> {
  const [groups, inDoubt] = await Promise.all([
    db.delivery.groupBy({ by: ["status"], where: { campaignId }, _count: { _all: true } }),
    db.delivery.count({ where: { campaignId, inDoubt: true } }),
  ]);
  const by = Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Record<string, number>;
  const c = { queued: by.queued ?? 0, sent: by.sent ?? 0, failed: by.failed ?? 0, inFlight: (by.claimed ?? 0) + (by.sending ?? 0), inDoubt, total: 0 };
  c.total = c.queued + c.sent + c.failed + c.inFlight;
  return c;
}

export type CommandResult = { ok: true; status: CampaignStatus } | { ok: false; message: string };

/** pause | resume | cancel, guarded by the current state so two editors cannot race each other into nonsense. */
export async function commandCampaign(db: Db, campaignId: string, command: "pause" | "resume" | "cancel", reason?: string): Promise<CommandResult> {
  const c = await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true, startedAt: true } });
  if (!c) return { ok: false, message: `no campaign ${campaignId}` };
  const from = c.status as CampaignStatus;
  if (!canTransition(from, command)) return { ok: false, message: `campaign is ${from}; cannot ${command}` };
  const to: CampaignStatus = command === "pause" ? "paused" : command === "cancel" ? "cancelled" : c.startedAt ? "sending" : "scheduled";
  const changed = await db.campaign.updateMany({ where: { id: campaignId, status: from }, data: { status: to, pauseReason: command === "pause" ? (reason ?? "paused by an editor") : null } });
  if (changed.count === 0) return { ok: false, message: "the campaign changed meanwhile; look again" };
  await db.campaignEvent.create({ data: { campaignId, kind: command === "pause" ? "paused" : command === "cancel" ? "cancelled" : "resumed", detail: reason ?? `by an editor` } });
  return { ok: true, status: to };
}

export async function campaignLog(db: Db, campaignId: string) {
  return db.campaignEvent.findMany({ where: { campaignId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

export async function listCampaigns(db: Db, limit = 20) {
  return db.campaign.findMany({ orderBy: { createdAt: "desc" }, take: limit, select: { id: true, newsletterSlug: true, subject: true, status: true, sendAt: true, recipientCount: true, pauseReason: true, createdAt: true, finishedAt: true } });
}

/** Slugs of issues that went out (or are going out): the web archive lists these. */
export async function sentIssueSlugs(db: Db): Promise<{ slug: string; sentAt: Date }[]> {
  const rows = await db.campaign.findMany({ where: { status: { in: ["sending", "done"] } }, select: { newsletterSlug: true, startedAt: true, sendAt: true }, orderBy: { sendAt: "desc" } });
  const seen = new Map<string, Date>();
  for (const r of rows) if (!seen.has(r.newsletterSlug)) seen.set(r.newsletterSlug, r.startedAt ?? r.sendAt);
  return [...seen].map(([slug, sentAt]) => ({ slug, sentAt }));
}
