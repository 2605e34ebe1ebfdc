// The whole loop after delivery, on both databases: a campaign goes out
// through a real SMTP server with a VERP return path; bounce reports,
// a feedback report and a mailed unsubscribe come back (as `npm run bounces
// -- read` takes them from stdin); the addresses are suppressed with the
// reason, the events are tied to the campaign and delivery, a report read
// twice counts once, and the next campaign skips every suppressed address.
import { beforeAll, describe, expect, it } from "vitest";
import { emailHash } from "../newsletter/address";
import { createCampaign } from "../newsletter/campaigns";
import { runWorker } from "../newsletter/worker";
import { arf, dsn, mailtoUnsubscribe } from "../testing/bounce-reports";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { runProcess } from "../testing/processes";
import { rawHeader, recipientOf, suiteSmtpSink } from "../testing/smtp-sink";
import { confirmedSubscribers, createTestCampaign, testIssue, testWorkerDeps } from "../testing/worker-deps";
import { applyInbound, type InboundDeps } from "./inbound";

const target = await testDatabaseTarget();
const issue = testIssue("After delivery");
const SECRET = "s".repeat(40);
const keys = { current: SECRET, previous: [] };
const BOUNCES = "bounces@backinmotion.example";
const people = ["hard", "soft", "complain", "leave", "stay"].map((n) => `${n}@example.com`);

describe.skipIf(!target.available)(`bounces, complaints and mailed unsubscribes on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  const sink = suiteSmtpSink();
  let d: InboundDeps;
  let campaignId: string;
  const sentTo = (who: string) => {
    const i = sink.messages.findIndex((m) => recipientOf(m) === who);
    return { message: sink.messages[i], envelopeFrom: sink.envelopeFrom[i] };
  };
  const suppression = async (who: string) => (await t.db.suppression.findUnique({ where: { emailHash: emailHash(who) } }))?.reason;

  beforeAll(async () => {
    d = { db: t.db, keys, policy: { softLimit: 3, softWindowDays: 30 } };
    await t.db.subscriber.createMany({ data: confirmedSubscribers(people) });
    campaignId = await createTestCampaign(t.db, "after", issue);
    await runWorker(testWorkerDeps(t.db, sink.url, { keys, bounceMailbox: BOUNCES }), { once: true });
    expect(sink.messages).toHaveLength(5);
  });

  it("sends each delivery from its own return path", () => {
    expect(new Set(sink.envelopeFrom).size).toBe(5);
    for (const from of sink.envelopeFrom) expect(from).toMatch(/^bounces\+[a-z2-7]+[a-z0-9]+\.[a-z2-7]{9}@backinmotion\.example$/);
  });

  it("suppresses a hard bounce at once, matched by the return path it came back to, and counts a second reading once", async () => {
    const { envelopeFrom } = sentTo("hard@example.com");
    // The report quotes nothing of ours: the VERP address alone must match it.
    const report = dsn({ to: envelopeFrom, recipient: "hard@example.com", reportId: "hard-1" });
    const lines = await applyInbound(d, report);
    expect(lines[0].outcome).toMatchObject({ outcome: "recorded", kind: "hard-bounce", campaignId, suppressed: "bounced" });
    expect(await suppression("hard@example.com")).toBe("bounced");
    expect(await t.db.subscriber.count({ where: { email: "hard@example.com" } })).toBe(0);
    const again = await applyInbound(d, report);
    expect(again[0].outcome).toEqual({ outcome: "duplicate" });
    const events = await t.db.mailEvent.findMany({ where: { kind: "hard-bounce" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ campaignId, deliveryId: `${campaignId}-${events[0].deliveryId!.split("-")[1]}`, source: "dsn" });
    const log = await t.db.campaignEvent.findMany({ where: { campaignId, kind: "bounce" } });
    expect(log).toHaveLength(1);
    expect(log[0].detail).toContain("5.1.1");
    expect(log[0].detail).not.toContain("hard@example.com");
  });

  it("counts soft bounces and suppresses at the limit", async () => {
    const { message } = sentTo("soft@example.com");
    // Sent to the plain bounce mailbox: only the quoted Message-ID ties it to us.
    const soft = (n: number) =>
      dsn({
        to: BOUNCES,
        recipient: "soft@example.com",
        status: "4.2.2",
        reportId: `soft-${n}`,
        original: { messageId: message.messageId },
      });
    expect((await applyInbound(d, soft(1)))[0].outcome).toMatchObject({ outcome: "recorded", softCount: 1 });
    expect((await applyInbound(d, soft(2)))[0].outcome).toMatchObject({ outcome: "recorded", softCount: 2 });
    expect(await suppression("soft@example.com")).toBeUndefined();
    expect((await applyInbound(d, soft(3)))[0].outcome).toMatchObject({ outcome: "recorded", softCount: 3, suppressed: "bounced" });
    expect(await suppression("soft@example.com")).toBe("bounced");
  });

  it("suppresses on a complaint, matched by the quoted Message-ID", async () => {
    const { message } = sentTo("complain@example.com");
    const lines = await applyInbound(d, arf({ original: { messageId: message.messageId } }));
    expect(lines[0].outcome).toMatchObject({ outcome: "recorded", kind: "complaint", suppressed: "complained" });
    expect(await suppression("complain@example.com")).toBe("complained");
  });

  it("applies a mailed unsubscribe by its token, never by its sender", async () => {
    const { message } = sentTo("leave@example.com");
    const subject = decodeURIComponent(/subject=([^>]+)>/.exec(rawHeader(message, "List-Unsubscribe")!)![1]);
    // Someone else's mail naming "stay@" as its sender, with a made-up token, changes nothing.
    const forged = await applyInbound(
      d,
      mailtoUnsubscribe({ from: "stay@example.com", subject: `unsubscribe ${"x".repeat(30)}.${"y".repeat(43)}` }),
    );
    expect(forged[0].outcome).toMatchObject({ outcome: "ignored" });
    const bySender = await applyInbound(d, mailtoUnsubscribe({ from: "stay@example.com", subject: "unsubscribe" }));
    expect(bySender[0].outcome.outcome).toBe("ignored");
    expect(await suppression("stay@example.com")).toBeUndefined();
    // The real request, sent from any address, works.
    const lines = await applyInbound(d, mailtoUnsubscribe({ from: "someone-else@example.com", subject }));
    expect(lines[0].outcome).toMatchObject({ outcome: "recorded", kind: "unsubscribe", suppressed: "unsubscribed" });
    expect(await suppression("leave@example.com")).toBe("unsubscribed");
  });

  it("leaves reports about other people's mail alone", async () => {
    const lines = await applyInbound(
      d,
      dsn({ to: BOUNCES, recipient: "stay@example.com", original: { messageId: "<abc@elsewhere.example>" } }),
    );
    expect(lines[0].outcome.outcome).toBe("unmatched");
    // A forged VERP address for a real delivery, with a wrong MAC.
    const { envelopeFrom } = sentTo("stay@example.com");
    const forged = envelopeFrom.replace(/\.[a-z2-7]{9}@/, ".aaaaaaaaa@");
    expect((await applyInbound(d, dsn({ to: forged, recipient: "stay@example.com" })))[0].outcome.outcome).toBe("unmatched");
    expect(await suppression("stay@example.com")).toBeUndefined();
  });

  it("`npm run bounces -- read` takes a report on stdin", async () => {
    await t.db.subscriber.create({ data: { email: "late@example.com", emailHash: emailHash("late@example.com"), status: "confirmed" } });
    const r = await createCampaign(
      t.db,
      { newsletterSlug: "after", subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
      { resend: true },
    );
    if (r.kind !== "created") throw new Error(r.kind);
    // The next campaign skips every suppressed address.
    expect(r.recipients).toBe(2);
    const deliveries = await t.db.delivery.findMany({ where: { campaignId: r.campaignId }, select: { email: true } });
    expect(deliveries.map((x) => x.email).sort()).toEqual(["late@example.com", "stay@example.com"]);

    const late = await t.db.delivery.findFirstOrThrow({ where: { campaignId: r.campaignId, email: "late@example.com" } });
    const report = dsn({
      to: BOUNCES,
      recipient: "late@example.com",
      original: { messageId: `<${r.campaignId}.${late.id}@backinmotion.example>` },
    });
    const out = await runProcess("npx", ["tsx", "scripts/bounces.ts", "read"], {
      env: { APP_MODE: "local", DATABASE_URL: t.url, SECRET_KEY: SECRET },
      input: report,
    });
    expect(out.out).toContain(`hard-bounce (matched by message id): recorded for campaign ${r.campaignId}`);
    expect(out.out).not.toContain("late@example.com");
    expect(out.code).toBe(0);
    expect(await suppression("late@example.com")).toBe("bounced");
  }, 120_000);
});
