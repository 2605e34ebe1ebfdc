import type { Db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { emailHash } from "../newsletter/address";
import { suppressWithin } from "../newsletter/subscriptions";
import type { SuppressionReason } from "../newsletter/lifecycle";
import { deliveryFromMessageId } from "./bounce-address";

/**
 * Applies what happened after delivery: records the event (once: `key` is
 * unique, so a webhook retried or a report read twice changes nothing the
 * second time), ties it to its campaign and delivery, writes a line in the
 * campaign's log, and suppresses the address:
 *   hard bounce, complaint → at once (reason bounced / complained);
 *   soft bounce → when this makes `softLimit` within `softWindowDays`.
 * The event and the suppression are one transaction: a crash between them
 * cannot leave an event recorded whose suppression never happened (which a
 * re-read would then skip as a duplicate).
 */
export type MailEventKind = "hard-bounce" | "soft-bounce" | "complaint" | "unsubscribe";
export type MailEventSource = "dsn" | "arf" | "mailto" | "ses" | "postmark" | "mailgun" | "sendgrid" | "resend";

export type MailEventInput = {
  key: string;
  source: MailEventSource;
  kind: MailEventKind;
  /** A delivery we can vouch for (VERP address checked, or a Message-ID of ours). */
  deliveryId?: string;
  /** A subscriber we can vouch for (a signed manage token). */
  subscriberId?: string;
  /** The original message's Message-ID, when that is all there is. */
  messageId?: string;
  /**
   * The address, only from an authenticated source (a relay's signed
   * webhook): a mailbox report's claims about addresses are never trusted.
   */
  email?: string;
  detail: string;
  at?: Date;
};

export type BouncePolicy = { softLimit: number; softWindowDays: number };

export type EventOutcome =
  | {
      outcome: "recorded";
      kind: MailEventKind;
      campaignId?: string;
      deliveryId?: string;
      suppressed?: SuppressionReason;
      softCount?: number;
    }
  | { outcome: "duplicate" }
  | { outcome: "unmatched"; reason: string };

class Duplicate extends Error {}

async function resolve(db: Db, e: MailEventInput) {
  const ids = [e.deliveryId, ...(e.messageId ? [deliveryFromMessageId(e.messageId)?.deliveryId] : [])].filter((x): x is string => !!x);
  for (const id of ids) {
    const d = await db.delivery.findUnique({ where: { id }, select: { id: true, campaignId: true, subscriberId: true, email: true } });
    if (d) {
      // The address may be blank after "delete my data"; the subscriber row, if any, still has the hash.
      const sub = await db.subscriber.findUnique({ where: { id: d.subscriberId }, select: { emailHash: true } });
      const hash = sub?.emailHash ?? (d.email ? emailHash(d.email) : e.email ? emailHash(e.email) : undefined);
      return { campaignId: d.campaignId, deliveryId: d.id, hash };
    }
  }
  if (e.subscriberId) {
    const sub = await db.subscriber.findUnique({ where: { id: e.subscriberId }, select: { emailHash: true } });
    if (sub) return { campaignId: undefined, deliveryId: undefined, hash: sub.emailHash };
  }
  if (!e.email) return undefined;
  // A relay's signed webhook names the address but not always our Message-ID:
  // tie the event to the latest delivery that went to that address.
  const latest = await db.delivery.findFirst({
    where: { email: e.email, status: "sent" },
    orderBy: { sentAt: "desc" },
    select: { id: true, campaignId: true },
  });
  return { campaignId: latest?.campaignId, deliveryId: latest?.id, hash: emailHash(e.email) };
}

const LOG_KIND: Record<MailEventKind, string> = {
  "hard-bounce": "bounce",
  "soft-bounce": "soft-bounce",
  complaint: "complaint",
  unsubscribe: "unsubscribe",
};

export async function recordMailEvent(db: Db, e: MailEventInput, policy: BouncePolicy, now = new Date()): Promise<EventOutcome> {
  if (await db.mailEvent.findUnique({ where: { key: e.key }, select: { id: true } })) return { outcome: "duplicate" };
  const target = await resolve(db, e);
  if (!target?.hash) return { outcome: "unmatched", reason: "no delivery of ours matches this report" };
  const at = e.at ?? now;
  try {
    return await db.$transaction(async (tx) => {
      try {
        await tx.mailEvent.create({
          data: {
            key: e.key,
            source: e.source,
            kind: e.kind,
            campaignId: target.campaignId ?? null,
            deliveryId: target.deliveryId ?? null,
            emailHash: target.hash,
            detail: e.detail.slice(0, 500),
            at,
          },
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new Duplicate();
        throw err;
      }
      let reason: SuppressionReason | undefined;
      let softCount: number | undefined;
      if (e.kind === "hard-bounce") reason = "bounced";
      else if (e.kind === "complaint") reason = "complained";
      else if (e.kind === "unsubscribe") reason = "unsubscribed";
      else {
        const n = await tx.mailEvent.count({
          where: { emailHash: target.hash, kind: "soft-bounce", at: { gte: new Date(now.getTime() - policy.softWindowDays * 86_400_000) } },
        });
        softCount = n;
        if (n >= policy.softLimit) reason = "bounced";
      }
      if (reason) {
        // A complaint or bounce never downgrades to "unsubscribed"; the reverse is fine.
        const existing = await tx.suppression.findUnique({ where: { emailHash: target.hash! } });
        if (!existing || reason !== "unsubscribed") await suppressWithin(tx, { emailHash: target.hash! }, reason);
      }
      if (target.campaignId)
        await tx.campaignEvent.create({
          data: {
            campaignId: target.campaignId,
            at,
            kind: LOG_KIND[e.kind],
            detail: `delivery ${target.deliveryId} (${e.source}): ${e.detail.slice(0, 300)}${reason ? ` (address suppressed: ${reason})` : softCount !== undefined ? ` (soft bounce ${softCount} of ${policy.softLimit})` : ""}`,
          },
        });
      return {
        outcome: "recorded",
        kind: e.kind,
        campaignId: target.campaignId,
        deliveryId: target.deliveryId,
        suppressed: reason,
        softCount,
      };
    });
  } catch (err) {
    if (err instanceof Duplicate || isUniqueViolation(err)) return { outcome: "duplicate" };
    throw err;
  }
}
