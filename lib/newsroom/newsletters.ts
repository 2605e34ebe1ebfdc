import { z } from "zod";
import type { Db } from "../db";
import type { RenderedEmail } from "../mail/templates";
import type { Mailer } from "../mail/transport";
import { campaignCounts, commandCampaign, countRecipients, createCampaign, type CampaignCounts } from "../newsletter/campaigns";
import { composedMessages, type MessageSettings } from "../newsletter/messages";
import { topicsField } from "../newsletter/topics";

type MessageDeps = Omit<MessageSettings, "from">;
import type { Audit } from "./subscribers";

/**
 * The newsroom's newsletter section (decision 0043): issues with their
 * state, the confirm-then-send step, progress, pause/resume/cancel and the
 * delivery log. Sending itself stays the worker's (lib/newsletter/worker.ts):
 * the console only creates the campaign with its send time, exactly as
 * `npm run newsletter -- send --at` does, and a running `npm run worker`
 * picks it up when it is due.
 */

export type IssueSummary = { slug: string; subject: string; preheader?: string; sendOn?: string };
export type IssueState = IssueSummary & {
  campaign?: { id: string; status: string; sendAt: Date; recipientCount: number; sequence: number };
};

/** Each issue with its latest campaign (cancelled ones count: the page says so and offers to send again). */
export async function issuesWithState(db: Db, issues: IssueSummary[]): Promise<IssueState[]> {
  const campaigns = await db.campaign.findMany({
    where: { newsletterSlug: { in: issues.map((i) => i.slug) } },
    orderBy: [{ newsletterSlug: "asc" }, { sequence: "desc" }],
    select: { id: true, newsletterSlug: true, status: true, sendAt: true, recipientCount: true, sequence: true },
  });
  const latest = new Map<string, (typeof campaigns)[number]>();
  for (const c of campaigns) if (!latest.has(c.newsletterSlug)) latest.set(c.newsletterSlug, c);
  return issues.map((i) => ({ ...i, campaign: latest.get(i.slug) }));
}

/** Campaigns newest first, a page at a time (keyset on createdAt, id). */
export async function campaignPage(db: Db, after?: { createdAt: Date; id: string }, pageSize = 20) {
  const rows = await db.campaign.findMany({
    where: after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: {
      id: true,
      newsletterSlug: true,
      subject: true,
      status: true,
      sendAt: true,
      recipientCount: true,
      createdAt: true,
      pauseReason: true,
    },
  });
  return { rows: rows.slice(0, pageSize), more: rows.length > pageSize };
}

/** The send form. `when` is "now" or a local date-time from <input type="datetime-local"> with the browser's offset. */
export const sendInput = z
  .object({
    when: z.enum(["now", "later"], { message: "Choose send now or schedule" }),
    at: z.string().max(40).optional(),
    /** Minutes east of UTC as the browser reported it (the form's hidden field); the server's zone otherwise. */
    offset: z.coerce.number().int().min(-900).max(900).optional(),
    expected: z.coerce.number().int().min(0, "The recipient count is missing; open the confirmation again"),
    confirm: z.literal("yes", { message: "Tick the box to confirm the send" }),
    resend: z.literal("yes").optional(),
    /** The issue's latest campaign when the form was shown: a resend is of that one only. */
    after: z.string().max(40).optional(),
    /** The topics the count was shown for (hidden fields); checked against the categories by the route. */
    topics: topicsField,
  })
  .transform((v, ctx) => {
    if (v.when === "now") return { ...v, sendAt: undefined as Date | undefined };
    const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(v.at ?? "");
    if (!local) {
      ctx.addIssue({ code: "custom", path: ["at"], message: "Give the date and time to send (for example 2026-12-03 08:00)" });
      return z.NEVER;
    }
    const [, y, mo, d, h, mi] = local.map(Number);
    const utc = Date.UTC(y, mo - 1, d, h, mi) - (v.offset ?? 0) * 60_000;
    const sendAt = new Date(utc);
    if (Number.isNaN(sendAt.getTime())) {
      ctx.addIssue({ code: "custom", path: ["at"], message: "That is not a date and time" });
      return z.NEVER;
    }
    return { ...v, sendAt };
  });

export type SendOutcome =
  | { ok: true; campaignId: string; recipients: number; scheduled: boolean }
  | { ok: false; field?: string; message: string; campaignId?: string };

/**
 * Send now or schedule: the CLI's createCampaign (one campaign per issue,
 * recipients frozen in one transaction), after the checks a browser needs:
 * a time in the past is refused, and when the list changed since the editor
 * saw the count, nothing is queued and the new count is shown.
 */
export async function sendOrSchedule(
  db: Db,
  audit: Audit,
  issue: RenderedEmail & { slug: string },
  input: { sendAt?: Date; expected: number; resend: boolean; after?: string; topics?: readonly string[] },
  now = new Date(),
): Promise<SendOutcome> {
  const sendAt = input.sendAt ?? now;
  const topics = input.topics ?? [];
  if (input.sendAt && input.sendAt.getTime() < now.getTime() - 60_000)
    return { ok: false, field: "at", message: "That time has passed; choose a time in the future or send now" };
  // The same rule createCampaign freezes the list with (recipientsWhere in campaigns.ts).
  const count = await countRecipients(db, topics);
  if (count !== input.expected)
    return {
      ok: false,
      field: "expected",
      message: `The list changed: ${count} people would receive it now, not ${input.expected}. Nothing was queued; check and confirm again.`,
    };
  const r = await createCampaign(
    db,
    { newsletterSlug: issue.slug, subject: issue.subject, html: issue.html, text: issue.text, sendAt, topics },
    { resend: input.resend, resendAfter: input.resend ? (input.after ?? "") : undefined },
  );
  if (r.kind === "no-recipients")
    return { ok: false, message: "There are no confirmed, unpaused subscribers for these topics; nothing was queued." };
  if (r.kind === "already-sent")
    return {
      ok: false,
      campaignId: r.campaignId,
      message: `This issue already has a campaign (${r.status}); nothing new was queued. Sending again mails everyone twice: use "Send again" on the issue page if you mean it.`,
    };
  const scheduled = sendAt.getTime() > now.getTime() + 1000;
  await audit({
    action: scheduled ? "newsletter.schedule" : "newsletter.send",
    objectType: "campaign",
    objectId: r.campaignId,
    detail: `${issue.slug}: ${r.recipients} recipients${topics.length ? ` (topics: ${topics.join(", ")})` : ""}, ${scheduled ? `at ${sendAt.toISOString()}` : "now"}`,
  });
  return { ok: true, campaignId: r.campaignId, recipients: r.recipients, scheduled };
}

export const commandInput = z.object({ command: z.enum(["pause", "resume", "cancel"], { message: "Unknown action" }) });

/** pause | resume | cancel through the CLI's guarded transition, then the audit entry. */
export async function commandFromConsole(
  db: Db,
  audit: Audit,
  campaignId: string,
  command: "pause" | "resume" | "cancel",
  editorName: string,
) {
  const r = await commandCampaign(db, campaignId, command, command === "pause" ? `paused by ${editorName}` : `by ${editorName}`);
  if (r.ok) await audit({ action: `newsletter.${command}`, objectType: "campaign", objectId: campaignId, detail: `now ${r.status}` });
  return r;
}

export type Progress = CampaignCounts & {
  status: string;
  pauseReason: string | null;
  sendAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  recipientCount: number;
  /** Messages per second since the campaign started (until it finished). */
  rate: number;
};

/** What the live view polls: the counts of `npm run newsletter -- status <id>`, the state, and the average rate. */
export async function campaignProgress(db: Db, campaignId: string, now = new Date()): Promise<Progress | undefined> {
  const c = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, pauseReason: true, sendAt: true, startedAt: true, finishedAt: true, recipientCount: true },
  });
  if (!c) return undefined;
  const counts = await campaignCounts(db, campaignId);
  const seconds = c.startedAt ? Math.max(1, ((c.finishedAt ?? now).getTime() - c.startedAt.getTime()) / 1000) : 0;
  return {
    ...counts,
    status: c.status,
    pauseReason: c.pauseReason,
    sendAt: c.sendAt.toISOString(),
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    recipientCount: c.recipientCount,
    rate: seconds ? Math.round((counts.sent / seconds) * 10) / 10 : 0,
  };
}

export type LogRow = { id: string; email: string; error: string | null; attempts: number; inDoubt: boolean; suppressed: boolean };

/**
 * The delivery log: failed deliveries of a campaign, a page at a time
 * (keyset on id), each with whether its address is now suppressed (its
 * subscriber row is gone: a 5xx bounce, an unsubscribe or a deletion).
 */
export async function deliveryLog(db: Db, campaignId: string, after?: string, pageSize = 50): Promise<{ rows: LogRow[]; next?: string }> {
  const rows = await db.delivery.findMany({
    where: { campaignId, status: "failed", ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: pageSize + 1,
    select: { id: true, email: true, error: true, attempts: true, inDoubt: true, subscriberId: true },
  });
  const shown = rows.slice(0, pageSize);
  const present = new Set(
    (await db.subscriber.findMany({ where: { id: { in: shown.map((r) => r.subscriberId) } }, select: { id: true } })).map((s) => s.id),
  );
  return {
    rows: shown.map((r) => ({
      id: r.id,
      email: r.email,
      error: r.error,
      attempts: r.attempts,
      inDoubt: r.inDoubt,
      suppressed: !present.has(r.subscriberId),
    })),
    next: rows.length > pageSize ? shown[shown.length - 1].id : undefined,
  };
}

/**
 * One copy of an issue outside any campaign, addressed as a real delivery
 * would be (placeholders filled, unsubscribe headers): the preview file and
 * the test send of `npm run newsletter`, and the console's "send me a test".
 */
export function sampleMessage(
  deps: MessageDeps,
  issue: RenderedEmail & { slug: string },
  id: string,
  to: string,
  firstName: string | null,
) {
  return composedMessages(deps, { id, ...issue })({ deliveryId: id, subscriberId: id, email: to, firstName });
}

export async function sendTestCopy(
  deps: MessageDeps & { mailer: Mailer },
  issue: RenderedEmail & { slug: string },
  to: string,
  now = Date.now(),
) {
  const msg = sampleMessage(deps, issue, `test-${now}`, to, null);
  await deps.mailer.send({ ...msg, subject: `[TEST] ${msg.subject}` });
}

/**
 * The dark-mode preview: the email's own `@media (prefers-color-scheme:
 * dark)` rules applied unconditionally, as a mail client in dark mode would
 * (an iframe's colour scheme cannot be forced from outside in every browser).
 */
export function darkVersion(html: string): string {
  const marker = "@media (prefers-color-scheme: dark){";
  const start = html.indexOf(marker);
  if (start < 0) return html;
  let depth = 1;
  let i = start + marker.length;
  for (; i < html.length && depth > 0; i++) {
    if (html[i] === "{") depth++;
    else if (html[i] === "}") depth--;
  }
  return html.slice(0, start) + html.slice(start + marker.length, i - 1) + html.slice(i);
}

export const campaignId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a campaign id");
export const issueSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Not an issue")
  .max(120);
