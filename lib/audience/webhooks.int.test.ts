// Each relay's webhook, on both databases: a signed bounce or complaint
// suppresses the address and is tied to the campaign and delivery; the same
// call again changes nothing; forged, replayed, stale and malformed calls
// are 4xx and change nothing (also under fuzzing).
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailHash } from "../newsletter/address";
import { createCampaign } from "../newsletter/campaigns";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import {
  mailgunEvent,
  postmarkBounce,
  resendBounce,
  resendCall,
  resendComplaint,
  resendSecret,
  selfSignedCertificate,
  sendgridBounce,
  sendgridCall,
  sendgridKeys,
  sesBounce,
  sesComplaint,
  snsCall,
  startCertServer,
} from "../testing/webhook-fixtures";
import { testIssue } from "../testing/worker-deps";
import { handleWebhook, type WebhookDeps } from "./webhooks";

const target = await testDatabaseTarget();
const MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const POSTMARK_AUTH = "postmark:a-long-shared-webhook-secret";
const RESEND_SECRET = resendSecret();
const READERS = ["ses-hard", "ses-complaint", "pm-hard", "mg-hard", "sg-hard", "sg-soft", "rs-hard", "rs-soft", "rs-complaint", "keep"].map(
  (n) => `${n}@example.com`,
);

describe.skipIf(!target.available)(`relay webhooks on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let certServer: Awaited<ReturnType<typeof startCertServer>>;
  let d: WebhookDeps;
  let campaignId: string;
  const sns = selfSignedCertificate();
  const sg = sendgridKeys();
  const messageIdOf = (email: string) => `<${campaignId}.${campaignId}-${email}@backinmotion.example>`;
  const reason = async (email: string) => (await t.db.suppression.findUnique({ where: { emailHash: emailHash(email) } }))?.reason;
  const call = (provider: string, body: string, headers: Record<string, string> = {}) =>
    handleWebhook(d, provider, new Headers({ "content-type": "application/json", ...headers }), body);
  const certUrl = () => `${certServer.base}/SimpleNotificationService-test.pem`;
  const basic = (s: string) => ({ authorization: `Basic ${Buffer.from(s).toString("base64")}` });

  beforeAll(async () => {
    certServer = await startCertServer(sns.cert);
    d = {
      db: t.db,
      policy: { softLimit: 2, softWindowDays: 30 },
      settings: {
        ses: { certUrlPattern: new RegExp(`^${certServer.base.replace(/[.]/g, "\\.")}/`), topicArns: [] },
        postmark: { basicAuth: POSTMARK_AUTH },
        mailgun: { signingKey: MAILGUN_KEY },
        sendgrid: { publicKey: sg.publicKey },
        resend: { secret: RESEND_SECRET },
        maxAgeSeconds: 900,
      },
      fetchText: async (url) => (await fetch(url)).text(),
    };
    // Subscriber ids equal to the address make the Message-IDs easy to write here.
    for (const email of READERS)
      await t.db.subscriber.create({ data: { id: email, email, emailHash: emailHash(email), status: "confirmed" } });
    const issue = testIssue();
    const r = await createCampaign(
      t.db,
      { newsletterSlug: "hooks", subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
      { resend: false },
    );
    if (r.kind !== "created") throw new Error(r.kind);
    campaignId = r.campaignId;
    await t.db.delivery.updateMany({ data: { status: "sent", sentAt: new Date() } });
  });
  afterAll(async () => certServer?.close());
  let before: { events: number; suppressed: number };
  beforeEach(async () => {
    before = { events: await t.db.mailEvent.count(), suppressed: await t.db.suppression.count() };
  });
  const nothingChanged = async () => {
    expect(await t.db.mailEvent.count()).toBe(before.events);
    expect(await t.db.suppression.count()).toBe(before.suppressed);
  };

  it("SES via SNS: confirms the subscription, then takes signed bounces and complaints", async () => {
    const confirm = snsCall(sns.key, certUrl(), {
      Type: "SubscriptionConfirmation",
      Message: "You have chosen to subscribe to the topic.",
      Token: "2336412f37fb687f5d51e6e241d09c8058323f60b",
      SubscribeURL: `${certServer.base}/confirm?Action=ConfirmSubscription&Token=2336412f`,
    });
    expect(await call("ses", confirm, { "content-type": "text/plain" })).toEqual({ status: 200, body: { confirmed: true } });
    expect(certServer.confirmations).toHaveLength(1);

    const bounce = snsCall(sns.key, certUrl(), {
      Type: "Notification",
      Message: sesBounce({ email: "ses-hard@example.com", messageId: messageIdOf("ses-hard@example.com") }),
    });
    expect(await call("ses", bounce)).toEqual({ status: 200, body: { recorded: 1, duplicate: 0, unmatched: 0 } });
    expect(await reason("ses-hard@example.com")).toBe("bounced");
    expect(await t.db.mailEvent.findFirst({ where: { source: "ses" } })).toMatchObject({
      campaignId,
      deliveryId: `${campaignId}-ses-hard@example.com`,
    });
    // SNS delivers at least once: the same message again counts once.
    expect(await call("ses", bounce)).toEqual({ status: 200, body: { recorded: 0, duplicate: 1, unmatched: 0 } });

    const complaint = snsCall(sns.key, certUrl(), { Type: "Notification", Message: sesComplaint({ email: "ses-complaint@example.com" }) });
    expect((await call("ses", complaint)).status).toBe(200);
    expect(await reason("ses-complaint@example.com")).toBe("complained");
  });

  it("SES via SNS: refuses forged, tampered, stale and foreign-certificate calls", async () => {
    const msg = sesBounce({ email: "keep@example.com" });
    const good = JSON.parse(snsCall(sns.key, certUrl(), { Type: "Notification", Message: msg }));
    const other = selfSignedCertificate();
    expect((await call("ses", snsCall(other.key, certUrl(), { Type: "Notification", Message: msg }))).status).toBe(401);
    expect((await call("ses", JSON.stringify({ ...good, Message: sesBounce({ email: "ses-complaint@example.com" }) }))).status).toBe(401);
    expect((await call("ses", snsCall(sns.key, "https://attacker.example/cert.pem", { Type: "Notification", Message: msg }))).status).toBe(
      401,
    );
    const old = new Date(Date.now() - 3_600_000).toISOString();
    expect((await call("ses", snsCall(sns.key, certUrl(), { Type: "Notification", Message: msg, Timestamp: old }))).status).toBe(401);
    const badSubscribe = snsCall(sns.key, certUrl(), {
      Type: "SubscriptionConfirmation",
      Message: "x",
      Token: "t",
      SubscribeURL: "https://attacker.example/",
    });
    expect((await call("ses", badSubscribe)).status).toBe(400);
    expect(await reason("keep@example.com")).toBeUndefined();
    await nothingChanged();
  });

  it("Postmark: basic auth, hard bounces suppress, auto-replies do not", async () => {
    expect(
      (await call("postmark", postmarkBounce({ email: "pm-hard@example.com" }), basic("postmark:wrong-secret-of-length"))).status,
    ).toBe(401);
    expect((await call("postmark", postmarkBounce({ email: "pm-hard@example.com" }))).status).toBe(401);
    expect(await reason("pm-hard@example.com")).toBeUndefined();
    const r = await call("postmark", postmarkBounce({ email: "pm-hard@example.com", id: 42 }), basic(POSTMARK_AUTH));
    expect(r).toEqual({ status: 200, body: { recorded: 1, duplicate: 0, unmatched: 0 } });
    expect(await reason("pm-hard@example.com")).toBe("bounced");
    const auto = await call("postmark", postmarkBounce({ email: "keep@example.com", type: "AutoResponder", id: 43 }), basic(POSTMARK_AUTH));
    expect(auto.body).toEqual({ recorded: 0, duplicate: 0, unmatched: 0 });
    expect(await reason("keep@example.com")).toBeUndefined();
  });

  it("Mailgun: HMAC signature, replayed tokens and stale timestamps refused", async () => {
    const body = mailgunEvent(MAILGUN_KEY, { email: "mg-hard@example.com", messageId: messageIdOf("mg-hard@example.com").slice(1, -1) });
    expect((await call("mailgun", mailgunEvent("key-wrong-wrong-wrong", { email: "keep@example.com" }))).status).toBe(401);
    expect((await call("mailgun", mailgunEvent(MAILGUN_KEY, { email: "keep@example.com", timestamp: 1_600_000_000 }))).status).toBe(401);
    expect(await call("mailgun", body)).toEqual({ status: 200, body: { recorded: 1, duplicate: 0, unmatched: 0 } });
    expect(await reason("mg-hard@example.com")).toBe("bounced");
    expect(await t.db.mailEvent.findFirst({ where: { source: "mailgun" } })).toMatchObject({
      campaignId,
      deliveryId: `${campaignId}-mg-hard@example.com`,
    });
    expect((await call("mailgun", body)).status).toBe(409);
    expect(await reason("keep@example.com")).toBeUndefined();
  });

  it("SendGrid: ECDSA-signed batches; soft bounces count; tampering refused", async () => {
    const signed = sendgridCall(sg.privateKey, [
      sendgridBounce("sg-hard@example.com", messageIdOf("sg-hard@example.com")),
      { ...sendgridBounce("sg-soft@example.com"), type: "blocked" },
      { ...sendgridBounce("keep@example.com"), event: "delivered" },
    ]);
    expect(await call("sendgrid", signed.body.replace("sg-hard", "keep"), signed.headers)).toMatchObject({ status: 401 });
    expect(
      await call("sendgrid", signed.body, { ...signed.headers, "x-twilio-email-event-webhook-timestamp": "1600000000" }),
    ).toMatchObject({
      status: 401,
    });
    expect(await call("sendgrid", signed.body, { "content-type": "application/json" })).toMatchObject({ status: 401 });
    await nothingChanged();
    expect(await call("sendgrid", signed.body, signed.headers)).toEqual({ status: 200, body: { recorded: 2, duplicate: 0, unmatched: 0 } });
    expect(await reason("sg-hard@example.com")).toBe("bounced");
    expect(await reason("sg-soft@example.com")).toBeUndefined();
    const second = sendgridCall(sg.privateKey, [{ ...sendgridBounce("sg-soft@example.com"), type: "blocked" }]);
    expect((await call("sendgrid", second.body, second.headers)).status).toBe(200);
    expect(await reason("sg-soft@example.com")).toBe("bounced");
    const log = await t.db.campaignEvent.findMany({ where: { campaignId, kind: { in: ["bounce", "soft-bounce", "complaint"] } } });
    expect(log.length).toBeGreaterThanOrEqual(6);
    // (Delivery ids contain the address here only because these subscribers' ids are their addresses.)
    expect(log.map((l) => l.detail.replace(/^delivery \S+/, "")).join("\n")).not.toMatch(/@example\.com/);
  });

  it("Resend: Svix-signed bounces and complaints by address; transient bounces count as soft; retries are duplicates", async () => {
    const hard = resendCall(RESEND_SECRET, resendBounce({ to: ["rs-hard@example.com"] }));
    expect(await call("resend", hard.body, hard.headers)).toEqual({ status: 200, body: { recorded: 1, duplicate: 0, unmatched: 0 } });
    expect(await reason("rs-hard@example.com")).toBe("bounced");
    // No Message-ID of ours in the call: tied to the latest delivery sent to the address.
    expect(await t.db.mailEvent.findFirst({ where: { source: "resend" } })).toMatchObject({
      key: expect.stringMatching(new RegExp(`^resend:${hard.id}:`)),
      kind: "hard-bounce",
      campaignId,
      deliveryId: `${campaignId}-rs-hard@example.com`,
      detail: "bounced Permanent/General",
    });
    // Resend retries with the same svix-id (and a new signature and timestamp): counted once.
    const retry = resendCall(RESEND_SECRET, JSON.parse(hard.body), { id: hard.id });
    expect(await call("resend", retry.body, retry.headers)).toEqual({ status: 200, body: { recorded: 0, duplicate: 1, unmatched: 0 } });

    const soft = () => resendCall(RESEND_SECRET, resendBounce({ to: ["Reader <rs-soft@example.com>"], bounceType: "Transient" }));
    const first = soft();
    expect((await call("resend", first.body, first.headers)).body).toEqual({ recorded: 1, duplicate: 0, unmatched: 0 });
    expect(await reason("rs-soft@example.com")).toBeUndefined();
    const second = soft();
    expect((await call("resend", second.body, second.headers)).status).toBe(200);
    expect(await reason("rs-soft@example.com")).toBe("bounced");

    const complaint = resendCall(RESEND_SECRET, resendComplaint({ to: ["rs-complaint@example.com"] }));
    expect(await call("resend", complaint.body, complaint.headers)).toEqual({
      status: 200,
      body: { recorded: 1, duplicate: 0, unmatched: 0 },
    });
    expect(await reason("rs-complaint@example.com")).toBe("complained");

    // Deliveries, opens, clicks and events about other things are acknowledged and ignored.
    for (const event of [
      resendComplaint({ to: ["keep@example.com"], type: "email.delivered" }),
      resendComplaint({ to: ["keep@example.com"], type: "email.delivery_delayed" }),
      { type: "contact.created", created_at: new Date().toISOString(), data: { id: "e169aa45-1ecf-4183-9955-b1499d5701d3" } },
    ]) {
      const c = resendCall(RESEND_SECRET, event);
      expect(await call("resend", c.body, c.headers)).toEqual({ status: 200, body: { recorded: 0, duplicate: 0, unmatched: 0 } });
    }
    expect(await reason("keep@example.com")).toBeUndefined();
  });

  it("Resend: refuses tampered, wrongly signed, stale and unsigned calls (401) and malformed signed ones (400)", async () => {
    const signed = resendCall(RESEND_SECRET, resendBounce({ to: ["keep@example.com"] }));
    expect(await call("resend", signed.body.replace("keep@", "rs-hard@"), signed.headers)).toMatchObject({ status: 401 });
    expect(await call("resend", signed.body, { ...signed.headers, "svix-id": "msg_another" })).toMatchObject({ status: 401 });
    const forged = resendCall(resendSecret(), resendBounce({ to: ["keep@example.com"] }));
    expect(await call("resend", forged.body, forged.headers)).toMatchObject({ status: 401 });
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 3600, now + 3600]) {
      const c = resendCall(RESEND_SECRET, resendBounce({ to: ["keep@example.com"] }), { timestamp });
      expect(await call("resend", c.body, c.headers)).toMatchObject({ status: 401 });
    }
    // Our own window applies too, also when it is narrower than the library's five minutes.
    const twoMinutesOld = resendCall(RESEND_SECRET, resendBounce({ to: ["keep@example.com"] }), { timestamp: now - 120 });
    const narrow = { ...d, settings: { ...d.settings, maxAgeSeconds: 30 } };
    expect(await handleWebhook(narrow, "resend", new Headers(twoMinutesOld.headers), twoMinutesOld.body)).toMatchObject({ status: 401 });
    expect(await call("resend", signed.body)).toMatchObject({ status: 401 });
    for (const header of ["svix-id", "svix-timestamp", "svix-signature"]) {
      const headers: Record<string, string> = { ...signed.headers };
      delete headers[header];
      expect(await call("resend", signed.body, headers)).toMatchObject({ status: 401 });
    }
    // The standardwebhooks names (webhook-*) are not what Resend sends.
    const renamed = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.replace(/^svix-/, "webhook-"), v]));
    expect(await call("resend", signed.body, renamed)).toMatchObject({ status: 401 });

    for (const body of [
      "{not json",
      "",
      JSON.stringify({ type: "email.bounced" }),
      JSON.stringify({ ...resendBounce({ to: [] }) }),
      JSON.stringify(resendBounce({ to: ["not an address"] })),
      JSON.stringify({ ...resendBounce({ to: ["keep@example.com"] }), data: { to: "keep@example.com" } }),
    ]) {
      const c = resendCall(RESEND_SECRET, {}, { body });
      expect(await call("resend", c.body, c.headers)).toMatchObject({ status: 400 });
    }
    expect(await reason("keep@example.com")).toBeUndefined();
    await nothingChanged();
  });

  it("the next campaign skips every address a provider's webhook suppressed, and reaches the rest", async () => {
    const suppressed: string[] = [];
    for (const email of READERS) if (await reason(email)) suppressed.push(email);
    // Every provider's hard bounce or complaint above (soft bounces below the limit suppress nothing).
    expect(suppressed).toEqual(
      expect.arrayContaining(
        ["ses-hard", "ses-complaint", "pm-hard", "mg-hard", "sg-hard", "rs-hard", "rs-complaint"].map((n) => `${n}@example.com`),
      ),
    );
    const issue = testIssue();
    const next = await createCampaign(
      t.db,
      { newsletterSlug: "hooks-next", subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
      { resend: false },
    );
    if (next.kind !== "created") throw new Error(next.kind);
    const recipients = (await t.db.delivery.findMany({ where: { campaignId: next.campaignId }, select: { email: true } })).map(
      (r) => r.email,
    );
    expect(recipients.sort()).toEqual(READERS.filter((e) => !suppressed.includes(e)).sort());
    expect(recipients).toContain("keep@example.com");
  });

  it("answers unknown providers with 404 and any malformed or unsigned body with a 4xx, changing nothing", async () => {
    expect((await call("brevo", "{}")).status).toBe(404);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("ses", "postmark", "mailgun", "sendgrid", "resend"),
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.json({ maxDepth: 3 }),
          fc
            .record({
              signature: fc.record({
                timestamp: fc.string(),
                token: fc.string(),
                signature: fc.stringMatching(/^[0-9a-f]{64}$/),
              }),
            })
            .map((o) => JSON.stringify(o)),
          fc
            .record({
              Type: fc.constant("Notification"),
              MessageId: fc.string(),
              TopicArn: fc.string(),
              Message: fc.string(),
              Timestamp: fc.date().map((x) => (isNaN(x.getTime()) ? "x" : x.toISOString())),
              SignatureVersion: fc.constantFrom("1", "2"),
              Signature: fc.base64String(),
              SigningCertURL: fc.constant(certUrl()),
            })
            .map((o) => JSON.stringify(o)),
        ),
        fc.dictionary(
          fc.constantFrom(
            "authorization",
            "x-twilio-email-event-webhook-signature",
            "x-twilio-email-event-webhook-timestamp",
            "svix-id",
            "svix-timestamp",
            "svix-signature",
          ),
          fc.string({ maxLength: 80 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
        ),
        async (provider, body, headers) => {
          const r = await call(provider, body, headers);
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    await nothingChanged();
  });
});
