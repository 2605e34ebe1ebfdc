import { createHash, createHmac, createPublicKey, createVerify, timingSafeEqual, X509Certificate } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import type { Db } from "../db";
import { databaseLedger } from "../security/used-tokens";
import { recordMailEvent, type BouncePolicy, type MailEventInput } from "./events";

/**
 * Relays' bounce and complaint webhooks (app/api/webhooks/[provider]). Each
 * provider's call is authenticated its own way before a byte of its payload
 * is believed:
 *   ses       Amazon SES through SNS: the SNS message signature, checked with
 *             the signing certificate fetched from an allowed URL only; a
 *             SubscriptionConfirmation is confirmed by fetching its
 *             SubscribeURL (same URL rule); optionally only listed topics.
 *   postmark  HTTP basic auth configured on the webhook (a shared secret).
 *   mailgun   HMAC-SHA256 of timestamp + token with the signing key; the
 *             timestamp must be recent and each token is accepted once.
 *   sendgrid  the Signed Event Webhook: ECDSA P-256 over timestamp + body
 *             with the public key from the SendGrid console; recent only.
 *   resend    Svix / Standard Webhooks: HMAC-SHA256 of id.timestamp.body
 *             with the whsec_ signing secret (the standardwebhooks
 *             package); recent only.
 * Then the events are recorded through events.ts (idempotent by the
 * provider's event id). Forged, replayed, stale or malformed calls get a
 * 4xx and change nothing; a provider not configured is a 404.
 */
export type Provider = "ses" | "postmark" | "mailgun" | "sendgrid" | "resend";
export const PROVIDERS: readonly Provider[] = ["ses", "postmark", "mailgun", "sendgrid", "resend"];

export type WebhookSettings = {
  ses?: { certUrlPattern: RegExp; topicArns: string[] };
  postmark?: { basicAuth: string };
  mailgun?: { signingKey: string };
  sendgrid?: { publicKey: string };
  /** The webhook's signing secret as Resend shows it: "whsec_" + base64. */
  resend?: { secret: string };
  /** How old a signed timestamp may be (Mailgun, SendGrid, Resend, SNS). */
  maxAgeSeconds: number;
};

export type WebhookDeps = {
  db: Db;
  policy: BouncePolicy;
  settings: WebhookSettings;
  /** Fetches a URL's text (SNS certificates, subscription confirmation). */
  fetchText: (url: string) => Promise<string>;
  now?: () => Date;
};

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

const refuse = (status: number, error: string): WebhookAnswer => ({ status, body: { error } });
class Refused extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function handleWebhook(d: WebhookDeps, provider: string, headers: Headers, body: string): Promise<WebhookAnswer> {
  if (!(PROVIDERS as readonly string[]).includes(provider) || !d.settings[provider as Provider])
    return refuse(404, `no webhook for "${provider}" is configured here`);
  let events: MailEventInput[];
  try {
    const r = await VERIFY[provider as Provider](d, headers, body);
    if ("answer" in r) return r.answer;
    events = r.events;
  } catch (e) {
    if (e instanceof Refused) return refuse(e.status, e.message);
    if (e instanceof SyntaxError || e instanceof z.ZodError) return refuse(400, "the payload is not in the provider's format");
    throw e;
  }
  const counts = { recorded: 0, duplicate: 0, unmatched: 0 };
  for (const e of events) counts[(await recordMailEvent(d.db, e, d.policy, d.now?.() ?? new Date())).outcome]++;
  return { status: 200, body: counts };
}

type Verified = { events: MailEventInput[] } | { answer: WebhookAnswer };
const VERIFY: Record<Provider, (d: WebhookDeps, h: Headers, body: string) => Promise<Verified>> = {
  ses,
  postmark,
  mailgun,
  sendgrid,
  resend,
};

const fresh = (d: WebhookDeps, at: Date) => {
  const age = Math.abs((d.now?.() ?? new Date()).getTime() - at.getTime()) / 1000;
  return Number.isFinite(age) && age <= d.settings.maxAgeSeconds;
};
const hashOf = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);
const text = (max: number) => z.string().max(max);

// ── Amazon SES through SNS ─────────────────────────────────────────────

const snsMessage = z.object({
  Type: z.enum(["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]),
  MessageId: text(200),
  TopicArn: text(300),
  Message: text(256 * 1024),
  Timestamp: text(64),
  SignatureVersion: z.enum(["1", "2"]),
  Signature: text(2048),
  SigningCertURL: text(1024),
  Subject: text(300).optional(),
  Token: text(2048).optional(),
  SubscribeURL: text(2048).optional(),
});

/** The text SNS signs: named fields in a fixed order, each "Name\nvalue\n" (the SNS developer guide). */
export function snsStringToSign(m: z.infer<typeof snsMessage>): string {
  const fields =
    m.Type === "Notification"
      ? ["Message", "MessageId", ...(m.Subject !== undefined ? ["Subject"] : []), "Timestamp", "TopicArn", "Type"]
      : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  return fields.map((f) => `${f}\n${(m as Record<string, string | undefined>)[f] ?? ""}\n`).join("");
}

const certificates = new Map<string, string>();

async function ses(d: WebhookDeps, _h: Headers, body: string): Promise<Verified> {
  const s = d.settings.ses!;
  const m = snsMessage.parse(JSON.parse(body));
  if (!s.certUrlPattern.test(m.SigningCertURL)) throw new Refused(401, "SigningCertURL is not an allowed certificate address");
  if (s.topicArns.length && !s.topicArns.includes(m.TopicArn)) throw new Refused(403, "TopicArn is not one this site subscribed to");
  if (!fresh(d, new Date(m.Timestamp))) throw new Refused(401, "Timestamp is too old or in the future");
  let pem = certificates.get(m.SigningCertURL);
  if (!pem) {
    pem = await d.fetchText(m.SigningCertURL).catch(() => {
      throw new Refused(401, "the signing certificate could not be fetched");
    });
    try {
      new X509Certificate(pem);
    } catch {
      throw new Refused(401, "the signing certificate is not a certificate");
    }
    certificates.set(m.SigningCertURL, pem);
  }
  const ok = createVerify(m.SignatureVersion === "1" ? "RSA-SHA1" : "RSA-SHA256")
    .update(snsStringToSign(m), "utf8")
    .verify(pem, m.Signature, "base64");
  if (!ok) throw new Refused(401, "the SNS signature does not verify");

  if (m.Type === "SubscriptionConfirmation") {
    if (!m.SubscribeURL || !s.certUrlPattern.test(m.SubscribeURL))
      throw new Refused(400, "SubscribeURL is missing or not an allowed address");
    await d.fetchText(m.SubscribeURL).catch(() => {
      throw new Refused(502, "the subscription could not be confirmed");
    });
    return { answer: { status: 200, body: { confirmed: true } } };
  }
  if (m.Type === "UnsubscribeConfirmation") return { answer: { status: 200, body: { ignored: "unsubscribe confirmation" } } };

  const n = sesNotification.parse(JSON.parse(m.Message));
  const type = n.notificationType ?? n.eventType;
  const messageId = n.mail?.commonHeaders?.messageId ?? n.mail?.headers?.find((x) => x.name.toLowerCase() === "message-id")?.value;
  if (type === "Bounce" && n.bounce) {
    const b = n.bounce;
    const kind = b.bounceType === "Permanent" ? "hard-bounce" : "soft-bounce";
    return {
      events: b.bouncedRecipients.map((r) => ({
        key: `ses:${m.MessageId}:${hashOf(r.emailAddress)}`,
        source: "ses" as const,
        kind,
        messageId,
        email: r.emailAddress,
        detail: `${b.bounceType}/${b.bounceSubType ?? ""} ${r.status ?? ""}`.trim(),
      })),
    };
  }
  if (type === "Complaint" && n.complaint)
    return {
      events: n.complaint.complainedRecipients.map((r) => ({
        key: `ses:${m.MessageId}:${hashOf(r.emailAddress)}`,
        source: "ses" as const,
        kind: "complaint" as const,
        messageId,
        email: r.emailAddress,
        detail: `complaint (${n.complaint!.complaintFeedbackType ?? "unspecified"})`,
      })),
    };
  return { events: [] };
}

const recipientList = z.array(z.object({ emailAddress: z.email().max(320), status: text(20).optional() })).max(100);
const sesNotification = z.object({
  notificationType: text(40).optional(),
  eventType: text(40).optional(),
  mail: z
    .object({
      commonHeaders: z.object({ messageId: text(500).optional() }).optional(),
      headers: z.array(z.object({ name: text(200), value: text(2000) })).optional(),
    })
    .optional(),
  bounce: z.object({ bounceType: text(40), bounceSubType: text(80).optional(), bouncedRecipients: recipientList }).optional(),
  complaint: z.object({ complainedRecipients: recipientList, complaintFeedbackType: text(80).optional() }).optional(),
});

// ── Postmark ───────────────────────────────────────────────────────────

const postmarkRecord = z.object({
  RecordType: text(40),
  ID: z.union([z.number(), text(100)]).optional(),
  Type: text(60).optional(),
  MessageID: text(200).optional(),
  Email: z.email().max(320),
  Description: text(1000).optional(),
});

async function postmark(d: WebhookDeps, h: Headers, body: string): Promise<Verified> {
  const given = Buffer.from((h.get("authorization") ?? "").replace(/^Basic\s+/i, ""), "base64");
  const expected = Buffer.from(d.settings.postmark!.basicAuth);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Refused(401, "wrong or missing credentials");
  const r = postmarkRecord.parse(JSON.parse(body));
  // Bounce types that are a real failure to deliver; the rest (auto-replies,
  // subscribe requests, "address change") are not bounces.
  const HARD = ["HardBounce", "BadEmailAddress", "DnsError", "ManuallyDeactivated", "Blocked"];
  const SOFT = ["SoftBounce", "Transient"];
  const kind =
    r.RecordType === "SpamComplaint" || r.Type === "SpamComplaint"
      ? "complaint"
      : r.RecordType === "Bounce" && r.Type && HARD.includes(r.Type)
        ? "hard-bounce"
        : r.RecordType === "Bounce" && r.Type && SOFT.includes(r.Type)
          ? "soft-bounce"
          : undefined;
  if (!kind) return { events: [] };
  const id = String(r.ID ?? r.MessageID ?? hashOf(body));
  return {
    events: [{ key: `postmark:${r.RecordType}:${id}`, source: "postmark", kind, email: r.Email, detail: `${r.Type ?? r.RecordType}` }],
  };
}

// ── Mailgun ────────────────────────────────────────────────────────────

const mailgunBody = z.object({
  signature: z.object({
    timestamp: z.string().regex(/^\d{1,12}$/),
    token: text(200).min(10),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  "event-data": z.object({
    id: text(200),
    event: text(40),
    severity: text(40).optional(),
    recipient: z.email().max(320),
    reason: text(200).optional(),
    message: z.object({ headers: z.object({ "message-id": text(500).optional() }).optional() }).optional(),
    "delivery-status": z.object({ code: z.union([z.number(), text(20)]).optional(), description: text(1000).optional() }).optional(),
  }),
});

async function mailgun(d: WebhookDeps, _h: Headers, body: string): Promise<Verified> {
  const p = mailgunBody.parse(JSON.parse(body));
  const { timestamp, token, signature } = p.signature;
  const expected = createHmac("sha256", d.settings.mailgun!.signingKey)
    .update(timestamp + token)
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) throw new Refused(401, "the signature does not verify");
  if (!fresh(d, new Date(Number(timestamp) * 1000))) throw new Refused(401, "the timestamp is too old or in the future");
  // A signed call seen before is a replay: each token is accepted once.
  if (!(await databaseLedger(d.db, "mailgun-webhook").claim(hashOf(token)))) throw new Refused(409, "this call was already received");
  const e = p["event-data"];
  const kind =
    e.event === "complained"
      ? "complaint"
      : e.event === "failed"
        ? e.severity === "temporary"
          ? "soft-bounce"
          : "hard-bounce"
        : e.event === "unsubscribed"
          ? "unsubscribe"
          : undefined;
  if (!kind) return { events: [] };
  const raw = e.message?.headers?.["message-id"];
  return {
    events: [
      {
        key: `mailgun:${e.id}`,
        source: "mailgun",
        kind,
        messageId: raw ? (raw.startsWith("<") ? raw : `<${raw}>`) : undefined,
        email: e.recipient,
        detail: `${e.event}${e.severity ? `/${e.severity}` : ""} ${e["delivery-status"]?.code ?? ""} ${e.reason ?? ""}`.trim(),
      },
    ],
  };
}

// ── SendGrid ───────────────────────────────────────────────────────────

const sendgridEvents = z
  .array(
    z.object({
      email: z.email().max(320),
      event: text(40),
      sg_event_id: text(200),
      type: text(40).optional(),
      status: text(20).optional(),
      "smtp-id": text(500).optional(),
    }),
  )
  .max(1000);

async function sendgrid(d: WebhookDeps, h: Headers, body: string): Promise<Verified> {
  const signature = h.get("x-twilio-email-event-webhook-signature") ?? "";
  const timestamp = h.get("x-twilio-email-event-webhook-timestamp") ?? "";
  if (!signature || !/^\d{1,12}$/.test(timestamp)) throw new Refused(401, "the signature headers are missing");
  let key;
  try {
    key = createPublicKey({ key: Buffer.from(d.settings.sendgrid!.publicKey, "base64"), format: "der", type: "spki" });
  } catch {
    throw new Refused(401, "the configured SendGrid key is not a public key");
  }
  const ok = createVerify("sha256")
    .update(timestamp + body)
    .verify(key, Buffer.from(signature, "base64"));
  if (!ok) throw new Refused(401, "the signature does not verify");
  if (!fresh(d, new Date(Number(timestamp) * 1000))) throw new Refused(401, "the timestamp is too old or in the future");
  const events: MailEventInput[] = [];
  for (const e of sendgridEvents.parse(JSON.parse(body))) {
    const kind =
      e.event === "spamreport"
        ? "complaint"
        : e.event === "bounce"
          ? e.type === "blocked"
            ? "soft-bounce"
            : "hard-bounce"
          : e.event === "unsubscribe" || e.event === "group_unsubscribe"
            ? "unsubscribe"
            : undefined;
    if (!kind) continue;
    events.push({
      key: `sendgrid:${e.sg_event_id}`,
      source: "sendgrid",
      kind,
      messageId: e["smtp-id"],
      email: e.email,
      detail: `${e.event}${e.type ? `/${e.type}` : ""} ${e.status ?? ""}`.trim(),
    });
  }
  return { events };
}

// ── Resend ─────────────────────────────────────────────────────────────

// Resend posts every event it was asked for (email.*, and contact.* and
// domain.* ones too): only the envelope is read until the type is known.
const resendEnvelope = z.object({ type: text(80), created_at: text(64).optional(), data: z.unknown() });
const resendEmail = z.object({
  email_id: text(200).optional(),
  message_id: text(500).optional(),
  to: z.array(text(400)).min(1).max(50),
  bounce: z.object({ type: text(40).optional(), subType: text(80).optional(), message: text(2000).optional() }).optional(),
});
/** "reader@example.com" or "Reader <reader@example.com>" → the address. */
const resendAddress = (to: string) =>
  z
    .email()
    .max(320)
    .parse(/<([^<>]+)>\s*$/.exec(to)?.[1] ?? to.trim());

async function resend(d: WebhookDeps, h: Headers, body: string): Promise<Verified> {
  const id = h.get("svix-id") ?? "";
  const timestamp = h.get("svix-timestamp") ?? "";
  const signature = h.get("svix-signature") ?? "";
  if (!/^[\x21-\x7e]{1,200}$/.test(id) || !/^\d{1,12}$/.test(timestamp) || !signature)
    throw new Refused(401, "the signature headers are missing");
  let hook;
  try {
    hook = new Webhook(d.settings.resend!.secret);
  } catch {
    throw new Refused(401, "the configured Resend secret is not a whsec_ signing secret");
  }
  try {
    // The library also refuses timestamps more than 5 minutes off its own clock.
    hook.verify(body, { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature }, { jsonParse: false });
  } catch (e) {
    if (e instanceof WebhookVerificationError) throw new Refused(401, "the signature does not verify");
    throw e;
  }
  if (!fresh(d, new Date(Number(timestamp) * 1000))) throw new Refused(401, "the timestamp is too old or in the future");
  const envelope = resendEnvelope.parse(JSON.parse(body));
  const bounced = envelope.type === "email.bounced";
  if (!bounced && envelope.type !== "email.complained") return { events: [] };
  const e = resendEmail.parse(envelope.data);
  const kind = !bounced ? "complaint" : e.bounce?.type === "Transient" ? "soft-bounce" : "hard-bounce";
  // bounce.message is the receiving server's text, which may quote the
  // address: only the type and subtype are kept.
  const detail = bounced ? ["bounced", [e.bounce?.type, e.bounce?.subType].filter(Boolean).join("/")].join(" ").trim() : "complaint";
  const addresses = [...new Set(e.to.map(resendAddress))];
  return {
    events: addresses.map((email) => ({
      // One svix-id per event, retries included: a retried call is a duplicate.
      key: `resend:${id}:${hashOf(email)}`,
      source: "resend" as const,
      kind,
      messageId: e.message_id,
      email,
      detail,
    })),
  };
}
