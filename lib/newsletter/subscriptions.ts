import { randomBytes } from "node:crypto";
import type { CaptchaResult } from "../captcha";
import type { Db } from "../db";
import { addressOf, listHeaders } from "../mail/list-headers";
import type { EmailTemplates, RenderedEmail, SubscriptionEmailBase } from "../mail/templates";
import type { Mailer, Message } from "../mail/transport";
import { truncatedAddress } from "../security/client-address";
import type { LimitResult } from "../security/rate-limit";
import type { SigningKeys } from "../security/signed-token";
import { checkAddress, emailHash, type AddressPolicy } from "./address";
import { CONSENT_TEXTS, CONSENT_VERSION } from "./consent";
import { fieldErrors, signupInput } from "./input";
import { onConfirm, onSignup, type ConfirmOutcome, type SubscriberState, type SuppressionReason } from "./lifecycle";
import { confirmToken, newsletterLinks, readConfirmToken } from "./tokens";
import {
  choiceOfRow,
  consentTopicsOf,
  consentTopicsText,
  describeChoice,
  readerChoice,
  topicsData,
  type Topic,
  type TopicChoice,
} from "./topics";
import type { FormRefusal } from "../http/form-refusal";

export type NewsletterDeps = {
  db: Db;
  mailer: Mailer;
  keys: SigningKeys;
  publicUrl: string;
  mailFrom: string;
  unsubscribeMailto?: string;
  siteName: string;
  newsletterName: string;
  /** RFC 2919 List-Id of the newsletter (listIdFor in lib/mail/list-headers.ts). */
  listId: string;
  templates: Pick<EmailTemplates, "confirmation" | "welcome" | "alreadySubscribed">;
  addressPolicy: AddressPolicy;
  confirmHours: number;
  /** The site's categories, which readers choose from (decision 0044). */
  topics: readonly Topic[];
  verifyCaptcha: (token: string | undefined, remoteIp: string) => Promise<CaptchaResult>;
  limitByIp: (ip: string) => Promise<LimitResult>;
  now?: () => Date;
};

export type SignupResult = FormRefusal | { kind: "mail-failed"; message: string } | { kind: "accepted"; message: string };

/** The one answer every accepted signup gets, whatever the address's state. */
export const CHECK_INBOX = "Almost done! Check your inbox for an email from us and click the link in it to confirm your subscription.";

const nowOf = (d: NewsletterDeps) => d.now?.() ?? new Date();

/** A subscription email to one subscriber: the rendered template, with the list's unsubscribe headers. */
export async function subscriptionMessage(
  d: NewsletterDeps,
  row: { id: string; email: string },
  render: (base: SubscriptionEmailBase) => Promise<RenderedEmail>,
): Promise<Message> {
  const links = newsletterLinks(d.publicUrl, d.keys);
  const email = await render({
    newsletterName: d.newsletterName,
    siteName: d.siteName,
    publicUrl: d.publicUrl,
    unsubscribeUrl: links.unsubscribe(row.id),
    preferencesUrl: links.preferences(row.id),
  });
  return {
    to: row.email,
    ...email,
    headers: listHeaders({
      oneClickUrl: links.oneClick(row.id),
      mailto: d.unsubscribeMailto ?? addressOf(d.mailFrom),
      mailtoSubject: links.mailtoSubject(row.id),
      listId: d.listId,
    }),
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
  const chosen = readerChoice(input.topics, d.topics);
  if (!chosen.ok) return { kind: "invalid", errors: { topics: chosen.message } };

  const captcha = await d.verifyCaptcha(input.captchaToken, ctx.ip);
  if (!captcha.ok) return { kind: "captcha", reason: captcha.reason, message: captcha.message };
  const limited = await d.limitByIp(ctx.ip);
  if (!limited.ok)
    return {
      kind: "rate-limited",
      retryAfterSeconds: limited.retryAfterSeconds,
      message: `Too many signups from your network. Please wait ${limited.retryAfterSeconds} seconds and try again.`,
    };
  if (input.website?.trim()) return { kind: "accepted", message: CHECK_INBOX };

  const hash = emailHash(address.email);
  const consent = {
    consentAt: now,
    consentIp: truncatedAddress(ctx.ip),
    consentSource: input.source,
    consentTextVersion: CONSENT_VERSION,
    // The topics as agreed to now; the reader's current topics may change later, this copy does not.
    consentTopics: consentTopicsText(chosen.choice),
  };
  const existing = await d.db.subscriber.findUnique({ where: { emailHash: hash } });
  const state: SubscriberState = existing ? (existing.status as SubscriberState) : "none";
  const step = onSignup(state, existing?.signupMailAt ?? null, now);
  if (step.do === "nothing") return { kind: "accepted", message: CHECK_INBOX };

  let row = existing;
  let message: Message;
  if (step.do === "notify-already-subscribed") {
    message = await subscriptionMessage(d, row!, d.templates.alreadySubscribed);
  } else if (row?.status === "pending" && row.confirmNonce) {
    // Pending already: the same link again. The first signup's name and
    // consent record stay; a later signup (maybe by someone else) cannot
    // rewrite them. The owner can change the name once confirmed.
    message = await confirmationFor(d, row, row.confirmNonce, now, consentTopicsOf(row.consentTopics));
  } else {
    const nonce = randomBytes(12).toString("base64url");
    const data = { email: address.email, firstName: input.firstName ?? null, confirmNonce: nonce, ...consent };
    row =
      step.createRow && !row
        ? await createPending(d.db, hash, data, chosen.choice)
        : await d.db.subscriber.update({ where: { emailHash: hash }, data: { ...data, ...topicsData(chosen.choice, true) } });
    message = await confirmationFor(d, row, nonce, now, chosen.choice);
  }
  try {
    await d.mailer.send(message);
  } catch {
    return {
      kind: "mail-failed",
      message: "We could not send the email just now. Nothing else changed; please try again in a few minutes.",
    };
  }
  await d.db.subscriber.update({ where: { id: row!.id }, data: { signupMailAt: now } });
  return { kind: "accepted", message: CHECK_INBOX };
}

/** The confirmation email for a pending row, with a link valid for confirmHours. */
export function confirmationFor(
  d: NewsletterDeps,
  row: { id: string; email: string },
  nonce: string,
  now: Date,
  choice: TopicChoice,
): Promise<Message> {
  const expires = new Date(now.getTime() + d.confirmHours * 3_600_000);
  const confirmUrl = newsletterLinks(d.publicUrl, d.keys).confirm(confirmToken(d.keys, row.id, nonce, expires));
  const topics = describeChoice(choice, d.topics);
  return subscriptionMessage(d, row, (base) => d.templates.confirmation({ ...base, confirmUrl, validHours: d.confirmHours, topics }));
}

/** Two signups of one new address at once: the second finds the first's row. */
type PendingData = {
  email: string;
  firstName: string | null;
  confirmNonce: string;
  consentAt: Date;
  consentIp: string | null;
  consentSource: string;
  consentTextVersion: string;
  consentTopics: string;
};
async function createPending(db: Db, hash: string, data: PendingData, choice: TopicChoice) {
  try {
    return await db.subscriber.create({ data: { ...data, emailHash: hash, status: "pending", ...topicsData(choice, false) } });
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
    return db.subscriber.update({ where: { emailHash: hash }, data: { ...data, ...topicsData(choice, true) } });
  }
}

/**
 * The confirmation link: pending → confirmed, once. The suppression entry
 * (an earlier unsubscribe) is lifted, because this click is a fresh,
 * explicit opt-in. The welcome email goes out after the write.
 */
export async function confirmSubscription(d: NewsletterDeps, token: string): Promise<ConfirmOutcome> {
  const now = nowOf(d);
  const t = readConfirmToken(d.keys, token, now);
  if (!t.ok) return t.reason;
  const row = await d.db.subscriber.findUnique({ where: { id: t.subscriberId }, include: { topics: { select: { topic: true } } } });
  const outcome = onConfirm(row, t.nonce);
  if (outcome !== "confirmed") return outcome;
  // The nonce in the WHERE makes a double click (or two tabs) confirm once.
  const changed = await d.db.subscriber.updateMany({
    where: { id: t.subscriberId, status: "pending", confirmNonce: t.nonce },
    data: { status: "confirmed", confirmedAt: now, confirmNonce: null, paused: false },
  });
  if (changed.count === 0) return "already-confirmed";
  await d.db.suppression.deleteMany({ where: { emailHash: row!.emailHash } });
  await d.mailer
    .send(
      await subscriptionMessage(d, row!, (base) =>
        d.templates.welcome({ ...base, firstName: row!.firstName, topics: describeChoice(choiceOfRow(row!), d.topics) }),
      ),
    )
    .catch(() => {
      // The subscription stands; a missing welcome email is not worth failing the click.
    });
  return "confirmed";
}

/** Remove the row and keep only the hash, so the address is never mailed by mistake again. */
export async function suppressSubscriber(
  db: Db,
  where: { id: string } | { emailHash: string },
  reason: SuppressionReason,
): Promise<boolean> {
  return db.$transaction((tx) => suppressWithin(tx, where, reason));
}

/** The same, inside a transaction the caller holds (lib/audience records the event that caused it in the same one). */
export async function suppressWithin(
  tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
  where: { id: string } | { emailHash: string },
  reason: SuppressionReason,
): Promise<boolean> {
  const row = await tx.subscriber.findUnique({
    where: "id" in where ? { id: where.id } : { emailHash: where.emailHash },
    select: { id: true, emailHash: true },
  });
  const hash = row?.emailHash ?? ("emailHash" in where ? where.emailHash : undefined);
  if (hash) await tx.suppression.upsert({ where: { emailHash: hash }, create: { emailHash: hash, reason }, update: { reason } });
  if (row) {
    await tx.subscriber.delete({ where: { id: row.id } });
    // Not yet sent: no longer a recipient of any running campaign.
    // Also rows a worker has leased but not yet handed to SMTP: its "sending"
    // mark finds them gone and it skips them (recording.ts). Only a message
    // already in flight can still arrive.
    await tx.delivery.deleteMany({ where: { subscriberId: row.id, status: { in: ["queued", "claimed"] } } });
    // "Delete my data" also clears the address from past sends.
    if (reason === "deleted")
      await tx.delivery.updateMany({
        where: { subscriberId: row.id, status: { in: ["sent", "failed"] } },
        data: { email: "", firstName: null },
      });
  }
  return row !== null;
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
  if (changed && paused) await db.delivery.deleteMany({ where: { subscriberId, status: { in: ["queued", "claimed"] } } });
  return changed;
}

export async function setFirstName(db: Db, subscriberId: string, firstName: string | undefined): Promise<boolean> {
  return (await db.subscriber.updateMany({ where: { id: subscriberId }, data: { firstName: firstName ?? null } })).count > 0;
}

/** What the preferences page shows: no full address (the page is reachable by anyone holding the link). */
export async function subscriberForPreferences(db: Db, subscriberId: string) {
  return db.subscriber.findUnique({
    where: { id: subscriberId },
    select: {
      id: true,
      email: true,
      firstName: true,
      status: true,
      paused: true,
      confirmedAt: true,
      allTopics: true,
      topics: { select: { topic: true } },
    },
  });
}

/** The reader's topics from the preferences page: replaced in one transaction (the flag and the rows agree). */
export async function setTopics(db: Db, subscriberId: string, choice: TopicChoice): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const changed = await tx.subscriber.updateMany({ where: { id: subscriberId }, data: { allTopics: choice.all } });
    if (changed.count === 0) return false;
    await tx.subscriberTopic.deleteMany({ where: { subscriberId } });
    if (!choice.all) await tx.subscriberTopic.createMany({ data: choice.topics.map((topic) => ({ subscriberId, topic })) });
    return true;
  });
}

/** "Download my data": everything stored about this subscriber, as JSON. */
export async function exportSubscriberData(db: Db, subscriberId: string) {
  const row = await db.subscriber.findUnique({ where: { id: subscriberId }, include: { topics: { select: { topic: true } } } });
  if (!row) return undefined;
  return {
    exportedAt: new Date().toISOString(),
    subscriber: {
      email: row.email,
      firstName: row.firstName,
      status: row.status,
      paused: row.paused,
      createdAt: row.createdAt,
      confirmedAt: row.confirmedAt,
      topics: row.allTopics ? "all" : row.topics.map((t) => t.topic),
    },
    consent: {
      at: row.consentAt,
      ipTruncated: row.consentIp,
      source: row.consentSource,
      textVersion: row.consentTextVersion,
      topics: consentTopicsOf(row.consentTopics).all ? "all" : (consentTopicsOf(row.consentTopics) as { topics: string[] }).topics,
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
      OR: [
        { signupMailAt: { lt: cutoff } },
        { signupMailAt: null, createdAt: { lt: cutoff }, NOT: { consentSource: { startsWith: "import:" } } },
      ],
    },
  });
  return r.count;
}

export type SubscriberCounts = {
  pending: number;
  confirmed: number;
  paused: number;
  unsubscribed: number;
  bounced: number;
  complained: number;
  deleted: number;
};

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
