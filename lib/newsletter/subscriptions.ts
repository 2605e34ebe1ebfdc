import { randomBytes } from "node:crypto";
import type { CaptchaResult } from "../captcha";
import type { Db } from "../db";
import type { Mailer, Message } from "../mail/transport";
import type { LimitResult } from "../security/rate-limit";
import { checkAddress, emailHash, type AddressPolicy } from "./address";
import { CONSENT_TEXTS, CONSENT_VERSION, truncateIp } from "./consent";
import { alreadySubscribedEmail, confirmationEmail, welcomeEmail, type SubscriptionMailContext } from "./emails";
import { fieldErrors, signupInput } from "./input";
import { onConfirm, onSignup, type ConfirmOutcome, type SubscriberState, type SuppressionReason } from "./lifecycle";
import { addressOf, listIdFor } from "./list-headers";
import { confirmToken, newsletterLinks, readConfirmToken } from "./tokens";

export type NewsletterDeps = {
  db: Db;
  mailer: Mailer;
  secret: string;
  publicUrl: string;
  mailFrom: string;
  unsubscribeMailto?: string;
  siteName: string;
  newsletterName: string;
  addressPolicy: AddressPolicy;
  confirmHours: number;
  verifyCaptcha: (token: string | undefined, remoteIp: string) => Promise<CaptchaResult>;
  limitByIp: (ip: string) => Promise<LimitResult>;
  now?: () => Date;
};

export type SignupResult =
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "captcha"; reason: string; message: string }
  | { kind: "rate-limited"; retryAfterSeconds: number; message: string }
  | { kind: "mail-failed"; message: string }
  | { kind: "accepted"; message: string };

/** The one answer every accepted signup gets, whatever the address's state. */
export const CHECK_INBOX = "Almost done! Check your inbox for an email from us and click the link in it to confirm your subscription.";

const nowOf = (d: NewsletterDeps) => d.now?.() ?? new Date();

export function mailContext(d: NewsletterDeps, row: { id: string; email: string; firstName: string | null }): SubscriptionMailContext {
  const links = newsletterLinks(d.publicUrl, d.secret);
  return {
    to: row.email,
    firstName: row.firstName,
    siteName: d.siteName,
    newsletterName: d.newsletterName,
    publicUrl: d.publicUrl,
    unsubscribeUrl: links.unsubscribe(row.id),
    preferencesUrl: links.preferences(row.id),
    list: { oneClickUrl: links.oneClick(row.id), mailto: d.unsubscribeMailto ?? addressOf(d.mailFrom), subscriberId: row.id, listId: listIdFor(d.newsletterName, d.publicUrl) },
  };
}

/**
 * A reader's signup: validate → address policy → captcha → rate limit →
 * state rule → at most one row → at most one email. Bots filling the
 * honeypot get the normal answer and nothing happens.
 */
export async function subscribe(d: NewsletterDeps, raw: unknown, ctx: { ip: string }): Promise<SignupResult> {
  const now = nowOf(d);
  const parsed = signupInput.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", errors: fieldErrors(parsed.error) };
  const input = parsed.data;
  const address = checkAddress(input.email, d.addressPolicy);
  if (!address.ok) return { kind: "invalid", errors: { email: address.message } };

  const captcha = await d.verifyCaptcha(input.captchaToken, ctx.ip);
  if (!captcha.ok) return { kind: "captcha", reason: captcha.reason, message: captcha.message };
  const limited = await d.limitByIp(ctx.ip);
  if (!limited.ok)
    return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds, message: `Too many signups from your network. Please wait ${limited.retryAfterSeconds} seconds and try again.` };
  if (input.website?.trim()) return { kind: "accepted", message: CHECK_INBOX };

  const hash = emailHash(address.email);
  const consent = { consentAt: now, consentIp: truncateIp(ctx.ip), consentSource: input.source, consentTextVersion: CONSENT_VERSION };
  const existing = await d.db.subscriber.findUnique({ where: { emailHash: hash } });
  const state: SubscriberState = existing ? (existing.status as SubscriberState) : "none";
  const step = onSignup(state, existing?.signupMailAt ?? null, now);
  if (step.do === "nothing") return { kind: "accepted", message: CHECK_INBOX };

  let row = existing;
  let message: Message;
  if (step.do === "notify-already-subscribed") {
    message = alreadySubscribedEmail(mailContext(d, row!));
  } else {
    const nonce = row?.confirmNonce ?? randomBytes(12).toString("base64url");
    const data = { email: address.email, firstName: input.firstName ?? row?.firstName ?? null, confirmNonce: nonce, ...consent };
    row = step.createRow && !row ? await createPending(d.db, hash, data) : await d.db.subscriber.update({ where: { emailHash: hash }, data });
    message = confirmationFor(d, row, nonce, now);
  }
  try {
    await d.mailer.send(message);
  } catch {
    return { kind: "mail-failed", message: "We could not send the email just now. Nothing else changed; please try again in a few minutes." };
  }
  await d.db.subscriber.update({ where: { id: row!.id }, data: { signupMailAt: now } });
  return { kind: "accepted", message: CHECK_INBOX };
}

/** The confirmation email for a pending row, with a link valid for confirmHours. */
export function confirmationFor(d: NewsletterDeps, row: { id: string; email: string; firstName: string | null }, nonce: string, now: Date): Message {
  const expires = new Date(now.getTime() + d.confirmHours * 3_600_000);
  const url = newsletterLinks(d.publicUrl, d.secret).confirm(confirmToken(d.secret, row.id, nonce, expires));
  return confirmationEmail(mailContext(d, row), url, d.confirmHours);
}

/** Two signups of one new address at once: the second finds the first's row. */
type PendingData = { email: string; firstName: string | null; confirmNonce: string; consentAt: Date; consentIp: string | null; consentSource: string; consentTextVersion: string };
async function createPending(db: Db, hash: string, data: PendingData) {
  try {
    return await db.subscriber.create({ data: { ...data, emailHash: hash, status: "pending" } });
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
    return db.subscriber.update({ where: { emailHash: hash }, data });
  }
}

/**
 * The confirmation link: pending → confirmed, once. The suppression entry
 * (an earlier unsubscribe) is lifted, because this click is a fresh,
 * explicit opt-in. The welcome email goes out after the write.
 */
export async function confirmSubscription(d: NewsletterDeps, token: string): Promise<ConfirmOutcome> {
  const now = nowOf(d);
  const t = readConfirmToken(d.secret, token, now);
  if (!t.ok) return t.reason;
  const row = await d.db.subscriber.findUnique({ where: { id: t.subscriberId } });
  const outcome = onConfirm(row, t.nonce);
  if (outcome !== "confirmed") return outcome;
  // The nonce in the WHERE makes a double click (or two tabs) confirm once.
  const changed = await d.db.subscriber.updateMany({
    where: { id: t.subscriberId, status: "pending", confirmNonce: t.nonce },
    data: { status: "confirmed", confirmedAt: now, confirmNonce: null, paused: false },
  });
  if (changed.count === 0) return "already-confirmed";
  await d.db.suppression.deleteMany({ where: { emailHash: row!.emailHash } });
  await d.mailer.send(welcomeEmail(mailContext(d, row!))).catch(() => {
    // The subscription stands; a missing welcome email is not worth failing the click.
  });
  return "confirmed";
}

/** Remove the row and keep only the hash, so the address is never mailed by mistake again. */
export async function suppressSubscriber(db: Db, where: { id: string } | { emailHash: string }, reason: SuppressionReason): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.subscriber.findUnique({ where: "id" in where ? { id: where.id } : { emailHash: where.emailHash }, select: { id: true, emailHash: true } });
    const hash = row?.emailHash ?? ("emailHash" in where ? where.emailHash : undefined);
    if (hash) await tx.suppression.upsert({ where: { emailHash: hash }, create: { emailHash: hash, reason }, update: { reason } });
    if (row) {
      await tx.subscriber.delete({ where: { id: row.id } });
      // Not yet sent: no longer a recipient of any running campaign.
      await tx.delivery.deleteMany({ where: { subscriberId: row.id, status: "queued" } });
      // "Delete my data" also clears the address from past sends.
      if (reason === "deleted") await tx.delivery.updateMany({ where: { subscriberId: row.id, status: { in: ["sent", "failed"] } }, data: { email: "", firstName: null } });
    }
    return row !== null;
  });
}

/** One-click or button unsubscribe. Idempotent: an already-removed subscriber is simply "unsubscribed". */
export async function unsubscribe(db: Db, subscriberId: string): Promise<void> {
  await suppressSubscriber(db, { id: subscriberId }, "unsubscribed");
}

export async function deleteSubscriberData(db: Db, subscriberId: string): Promise<void> {
  await suppressSubscriber(db, { id: subscriberId }, "deleted");
}

export async function setPaused(db: Db, subscriberId: string, paused: boolean): Promise<boolean> {
  const changed = (await db.subscriber.updateMany({ where: { id: subscriberId, status: "confirmed" }, data: { paused } })).count > 0;
  // A pause takes effect at once, also for a campaign that is still going out.
  if (changed && paused) await db.delivery.deleteMany({ where: { subscriberId, status: "queued" } });
  return changed;
}

export async function setFirstName(db: Db, subscriberId: string, firstName: string | undefined): Promise<boolean> {
  return (await db.subscriber.updateMany({ where: { id: subscriberId }, data: { firstName: firstName ?? null } })).count > 0;
}

/** What the preferences page shows: no full address (the page is reachable by anyone holding the link). */
export async function subscriberForPreferences(db: Db, subscriberId: string) {
  return db.subscriber.findUnique({ where: { id: subscriberId }, select: { id: true, email: true, firstName: true, status: true, paused: true, confirmedAt: true } });
}

/** "Download my data": everything stored about this subscriber, as JSON. */
export async function exportSubscriberData(db: Db, subscriberId: string) {
  const row = await db.subscriber.findUnique({ where: { id: subscriberId } });
  if (!row) return undefined;
  return {
    exportedAt: new Date().toISOString(),
    subscriber: { email: row.email, firstName: row.firstName, status: row.status, paused: row.paused, createdAt: row.createdAt, confirmedAt: row.confirmedAt },
    consent: {
      at: row.consentAt,
      ipTruncated: row.consentIp,
      source: row.consentSource,
      textVersion: row.consentTextVersion,
      text: CONSENT_TEXTS[row.consentTextVersion as keyof typeof CONSENT_TEXTS] ?? null,
    },
  };
}

/**
 * Pending signups whose confirmation link has expired, and web signups
 * whose email never went out. Imported rows that were never mailed wait
 * for the operator to send confirmations.
 */
export async function purgeExpiredPending(db: Db, confirmHours: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - confirmHours * 3_600_000);
  const r = await db.subscriber.deleteMany({
    where: {
      status: "pending",
      OR: [{ signupMailAt: { lt: cutoff } }, { signupMailAt: null, createdAt: { lt: cutoff }, NOT: { consentSource: { startsWith: "import:" } } }],
    },
  });
  return r.count;
}

export type SubscriberCounts = { pending: number; confirmed: number; paused: number; unsubscribed: number; bounced: number; complained: number; deleted: number };

/** Counts by state for the editor console. */
export async function subscriberCounts(db: Db): Promise<SubscriberCounts> {
  const [rows, suppressed] = await Promise.all([
    db.subscriber.groupBy({ by: ["status", "paused"], _count: { _all: true } }),
    db.suppression.groupBy({ by: ["reason"], _count: { _all: true } }),
  ]);
  const c: SubscriberCounts = { pending: 0, confirmed: 0, paused: 0, unsubscribed: 0, bounced: 0, complained: 0, deleted: 0 };
  for (const r of rows) {
    if (r.status === "pending") c.pending += r._count._all;
    if (r.status === "confirmed") c.confirmed += r._count._all;
    if (r.status === "confirmed" && r.paused) c.paused += r._count._all;
  }
  for (const s of suppressed) if (s.reason in c) c[s.reason as keyof SubscriberCounts] += s._count._all;
  return c;
}
