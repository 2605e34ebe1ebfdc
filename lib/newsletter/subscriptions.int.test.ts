import { emailTemplates } from "../../components/email/templates";
import { keyring } from "../security/signed-token";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { memoryLedger, verifyCaptcha } from "../captcha";
import { createMailer } from "../mail/transport";
import { createRateLimiter } from "../security/rate-limit";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { startSiteverifyStandIn, type StandIn } from "../testing/siteverify-stand-in";
import { rawHeader, suiteSmtpSink } from "../testing/smtp-sink";
import { emailHash } from "./address";
import { CONSENT_VERSION } from "./consent";
import { importSubscribers } from "./import";
import { readManageToken } from "./tokens";
import {
  CHECK_INBOX,
  confirmSubscription,
  deleteSubscriberData,
  exportSubscriberData,
  purgeExpiredPending,
  setPaused,
  subscribe,
  subscriberCounts,
  unsubscribe,
  type NewsletterDeps,
} from "./subscriptions";

const target = await testDatabaseTarget();
const SECRET = "n".repeat(40);

describe.skipIf(!target.available)(`newsletter subscriptions on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  const sink = suiteSmtpSink();
  let standIn: StandIn;
  let seq = 0;
  let clock = new Date("2026-11-24T10:00:00Z");
  beforeAll(async () => {
    standIn = await startSiteverifyStandIn();
  });
  afterAll(async () => standIn?.close());
  beforeEach(async () => {
    sink.messages.length = 0;
    clock = new Date("2026-11-24T10:00:00Z");
    await t.db.subscriber.deleteMany();
    await t.db.suppression.deleteMany();
    await t.db.rateLimiterFlexible.deleteMany();
  });

  const deps = (over: Partial<NewsletterDeps> = {}): NewsletterDeps => {
    const ledger = memoryLedger();
    const limiter = createRateLimiter(t.db, `nl-ip${++seq}`, { points: 5, durationSeconds: 600 });
    return {
      db: t.db,
      mailer: createMailer({ smtpUrl: sink.url, from: "Back in Motion <news@backinmotion.example>" }),
      keys: keyring(SECRET),
      publicUrl: "https://backinmotion.example",
      mailFrom: "Back in Motion <news@backinmotion.example>",
      siteName: "Back in Motion",
      newsletterName: "Less Pain, More Life",
      listId: '"Less Pain, More Life" <newsletter.backinmotion.example>',
      templates: emailTemplates,
      addressPolicy: { rejectDisposable: true, rejectRole: false },
      confirmHours: 48,
      topics: [
        { slug: "back-pain", title: "Back Pain" },
        { slug: "neck-pain", title: "Neck Pain" },
      ],
      verifyCaptcha: (token, ip) =>
        verifyCaptcha(
          { provider: "recaptcha-v2", secretKey: "k", verifyUrl: standIn.url, minScore: 0.5, timeoutMs: 500 },
          { token, action: "subscribe", remoteIp: ip },
          ledger,
        ),
      limitByIp: (ip) => limiter.consume(ip),
      now: () => clock,
      ...over,
    };
  };
  let n = 0;
  const form = (over: Record<string, unknown> = {}) => ({
    email: "Ann@Example.com",
    firstName: "Ann",
    source: "article:posture-myths",
    captchaToken: `pass:n=${++n}`,
    ...over,
  });
  const ip = { ip: "203.0.113.77" };
  const linkIn = (i: number, path: string) => {
    const url = String(sink.messages[i].text).match(new RegExp(`https://backinmotion\\.example${path}\\?token=[^\\s>]+`))?.[0];
    if (!url) throw new Error(`no ${path} link in message ${i}`);
    return decodeURIComponent(new URL(url).searchParams.get("token")!);
  };

  it("signs up as pending with a consent record and sends one confirmation email", async () => {
    const d = deps();
    expect(await subscribe(d, form(), ip)).toEqual({ kind: "accepted", message: CHECK_INBOX });
    const row = await t.db.subscriber.findUniqueOrThrow({ where: { emailHash: emailHash("ann@example.com") } });
    expect(row).toMatchObject({
      email: "Ann@example.com",
      firstName: "Ann",
      status: "pending",
      consentIp: "203.0.113.0",
      consentSource: "article:posture-myths",
      consentTextVersion: CONSENT_VERSION,
    });
    expect(row.consentAt).toEqual(clock);
    const [mail] = await sink.waitFor(1);
    expect(mail.subject).toContain("Please confirm");
    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  });

  it("confirms once, sends a welcome email, and a replayed link changes nothing", async () => {
    const d = deps();
    await subscribe(d, form(), ip);
    await sink.waitFor(1);
    const token = linkIn(0, "/newsletter/confirm");
    expect(await confirmSubscription(d, token)).toBe("confirmed");
    const row = await t.db.subscriber.findFirstOrThrow();
    expect(row).toMatchObject({ status: "confirmed", confirmNonce: null });
    const [, welcome] = await sink.waitFor(2);
    expect(welcome.subject).toBe("Welcome to Less Pain, More Life");
    expect(rawHeader(welcome, "List-Unsubscribe")).toMatch(
      /^<https:\/\/backinmotion\.example\/api\/newsletter\/unsubscribe\?token=.+>, <mailto:news@backinmotion\.example\?subject=unsubscribe%20/,
    );
    expect(rawHeader(welcome, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(await confirmSubscription(d, token)).toBe("already-confirmed");
    expect(await t.db.subscriber.findFirstOrThrow()).toMatchObject({ confirmedAt: row.confirmedAt, updatedAt: row.updatedAt });
    expect(sink.messages).toHaveLength(2);
  });

  it("keeps the topics chosen at signup, on the row and in the consent record, and both emails say them (decision 0044)", async () => {
    const d = deps();
    expect((await subscribe(d, form({ topics: ["neck-pain"] }), ip)).kind).toBe("accepted");
    const row = await t.db.subscriber.findFirstOrThrow({ include: { topics: true } });
    expect(row).toMatchObject({ allTopics: false, consentTopics: '["neck-pain"]' });
    expect(row.topics.map((x) => x.topic)).toEqual(["neck-pain"]);
    const [confirmation] = await sink.waitFor(1);
    expect(confirmation.text).toContain("Topics chosen: Neck Pain.");
    expect(await confirmSubscription(d, linkIn(0, "/newsletter/confirm"))).toBe("confirmed");
    const [, welcome] = await sink.waitFor(2);
    expect(welcome.text).toContain("Your topics: Neck Pain.");
  });

  it("a signup without topics takes everything; an unknown topic is refused on the field and stores nothing", async () => {
    const d = deps();
    const bad = await subscribe(d, form({ topics: ["neck-pain", "gardening"] }), ip);
    expect(bad.kind).toBe("invalid");
    expect(bad.kind === "invalid" && Object.keys(bad.errors)).toEqual(["topics"]);
    expect(await t.db.subscriber.count()).toBe(0);
    await subscribe(d, form(), ip);
    expect(await t.db.subscriber.findFirstOrThrow()).toMatchObject({ allTopics: true, consentTopics: "all" });
    const [confirmation] = await sink.waitFor(1);
    expect(confirmation.text).toContain("Topics chosen: everything we publish, including topics we add later.");
  });

  it("refuses expired and tampered confirmation links", async () => {
    const d = deps();
    await subscribe(d, form(), ip);
    await sink.waitFor(1);
    const token = linkIn(0, "/newsletter/confirm");
    expect(await confirmSubscription(d, token.slice(0, -3) + "abc")).toBe("invalid");
    clock = new Date(clock.getTime() + 49 * 3_600_000);
    expect(await confirmSubscription(d, token)).toBe("expired");
    expect(await t.db.subscriber.findFirstOrThrow()).toMatchObject({ status: "pending" });
  });

  it("answers every signup the same way and never makes a second record", async () => {
    const d = deps();
    const first = await subscribe(d, form(), ip);
    const again = await subscribe(d, form({ email: " ann@EXAMPLE.com " }), ip);
    expect(again).toEqual(first);
    expect(await t.db.subscriber.count()).toBe(1);
    await sink.waitFor(1);
    expect(sink.messages).toHaveLength(1); // within the resend window: no second email
    await confirmSubscription(d, linkIn(0, "/newsletter/confirm"));
    clock = new Date(clock.getTime() + 60 * 60_000);
    expect(await subscribe(d, form(), ip)).toEqual(first);
    const mails = await sink.waitFor(3);
    expect(mails[2].subject).toContain("already subscribed");
    expect(await t.db.subscriber.count()).toBe(1);
    expect(await t.db.subscriber.findFirstOrThrow()).toMatchObject({ status: "confirmed" });
  });

  it("bad input, a failed captcha and flooding change nothing", async () => {
    const d = deps();
    expect(await subscribe(d, form({ email: "not-an-email" }), ip)).toMatchObject({
      kind: "invalid",
      errors: { email: expect.any(String) },
    });
    expect(await subscribe(d, form({ email: "x@mailinator.com" }), ip)).toMatchObject({
      kind: "invalid",
      errors: { email: expect.stringContaining("disposable") },
    });
    expect(await subscribe(d, form({ firstName: "A".repeat(61) }), ip)).toMatchObject({
      kind: "invalid",
      errors: { firstName: expect.any(String) },
    });
    expect(await subscribe(d, form({ source: "<script>" }), ip)).toMatchObject({ kind: "invalid", errors: { source: expect.any(String) } });
    expect(await subscribe(d, form({ captchaToken: undefined }), ip)).toMatchObject({ kind: "captcha", reason: "missing" });
    expect(await subscribe(d, form({ captchaToken: "fail" }), ip)).toMatchObject({ kind: "captcha", reason: "invalid" });
    expect(await t.db.subscriber.count()).toBe(0);
    for (let i = 0; i < 5; i++) await subscribe(d, form({ email: `reader${i}@example.com` }), ip);
    expect(await subscribe(d, form({ email: "reader9@example.com" }), ip)).toMatchObject({ kind: "rate-limited" });
    expect(await t.db.subscriber.count()).toBe(5);
  });

  it("a bot filling the honeypot gets the normal answer and nothing happens", async () => {
    expect(await subscribe(deps(), form({ website: "http://spam.example" }), ip)).toEqual({ kind: "accepted", message: CHECK_INBOX });
    expect(await t.db.subscriber.count()).toBe(0);
  });

  it("an SMTP failure is reported and the signup can be retried", async () => {
    const broken = deps({ mailer: createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "x@example.com" }) });
    expect(await subscribe(broken, form(), ip)).toMatchObject({ kind: "mail-failed" });
    expect(await subscribe(deps(), form(), ip)).toMatchObject({ kind: "accepted" });
    await sink.waitFor(1);
  });

  it("unsubscribing removes the row and keeps only a suppression hash; coming back needs a new confirmation", async () => {
    const d = deps();
    await subscribe(d, form(), ip);
    await sink.waitFor(1);
    await confirmSubscription(d, linkIn(0, "/newsletter/confirm"));
    await sink.waitFor(2);
    const id = readManageToken(SECRET, linkIn(1, "/newsletter/unsubscribe"))!;
    await unsubscribe(t.db, id);
    await unsubscribe(t.db, id); // one-click twice: still fine
    expect(await t.db.subscriber.count()).toBe(0);
    expect(await t.db.suppression.findMany()).toEqual([
      { emailHash: emailHash("ann@example.com"), reason: "unsubscribed", createdAt: expect.any(Date) },
    ]);

    clock = new Date(clock.getTime() + 3_600_000);
    await subscribe(d, form(), ip);
    expect(await t.db.subscriber.findFirstOrThrow()).toMatchObject({ status: "pending" });
    await sink.waitFor(3);
    expect(await confirmSubscription(d, linkIn(2, "/newsletter/confirm"))).toBe("confirmed");
    expect(await t.db.suppression.count()).toBe(0);
  });

  it("pause, export and delete", async () => {
    const d = deps();
    await subscribe(d, form(), ip);
    await sink.waitFor(1);
    await confirmSubscription(d, linkIn(0, "/newsletter/confirm"));
    const row = await t.db.subscriber.findFirstOrThrow();
    expect(await setPaused(t.db, row.id, true)).toBe(true);
    expect(await subscriberCounts(t.db)).toMatchObject({ confirmed: 1, paused: 1 });
    const data = await exportSubscriberData(t.db, row.id);
    expect(data).toMatchObject({
      subscriber: { email: "Ann@example.com", status: "confirmed", paused: true },
      consent: { source: "article:posture-myths", textVersion: CONSENT_VERSION, text: expect.stringContaining("unsubscribe") },
    });
    await deleteSubscriberData(t.db, row.id);
    expect(await t.db.subscriber.count()).toBe(0);
    expect(await exportSubscriberData(t.db, row.id)).toBeUndefined();
    expect(await subscriberCounts(t.db)).toMatchObject({ confirmed: 0, deleted: 1 });
  });

  it("purges pending signups whose link expired", async () => {
    const d = deps();
    await subscribe(d, form(), ip);
    expect(await purgeExpiredPending(t.db, 48, new Date(clock.getTime() + 47 * 3_600_000))).toBe(0);
    expect(await purgeExpiredPending(t.db, 48, new Date(clock.getTime() + 49 * 3_600_000))).toBe(1);
  });

  it("imports a CSV through the same checks, reporting rejected rows by line, never touching suppressed addresses", async () => {
    await t.db.suppression.create({ data: { emailHash: emailHash("gone@example.com"), reason: "unsubscribed" } });
    await t.db.subscriber.create({ data: { email: "here@example.com", emailHash: emailHash("here@example.com"), status: "confirmed" } });
    const csv = [
      "email,first_name",
      "new@example.com,Nia",
      "not an email,X",
      "GONE@example.com,Old",
      "here@example.com,",
      "new@EXAMPLE.com,Dup",
      "temp@mailinator.com,",
    ].join("\n");
    const report = await importSubscribers(t.db, csv, {
      source: "old-list.csv",
      asConfirmed: false,
      policy: { rejectDisposable: true, rejectRole: false },
    });
    expect(report.imported.map((r) => r.email)).toEqual(["new@example.com"]);
    expect(report.rejected.map((r) => [r.line, r.reason.split(" ")[0]])).toEqual([
      [3, "please"],
      [4, "suppressed"],
      [6, "duplicate"],
      [7, "please"],
    ]);
    expect(report.skipped).toEqual([{ line: 5, reason: "already on the list" }]);
    expect(await t.db.subscriber.findFirstOrThrow({ where: { email: "new@example.com" } })).toMatchObject({
      status: "pending",
      consentSource: "import:old-list.csv",
    });
    expect(sink.messages).toHaveLength(0);
    // Never purged while waiting for the operator to send confirmations.
    expect(await purgeExpiredPending(t.db, 48, new Date(Date.now() + 100 * 3_600_000))).toBe(0);
  });

  it("reports a CSV without an email column", async () => {
    const report = await importSubscribers(t.db, "name\nAnn\n", {
      source: "x.csv",
      asConfirmed: true,
      policy: { rejectDisposable: false, rejectRole: false },
    });
    expect(report.rejected).toEqual([{ line: 1, reason: expect.stringContaining("no email column") }]);
  });
});
