import { beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { rawHeader, recipientOf, suiteSmtpSink } from "../testing/smtp-sink";
import { createTestCampaign, testIssue, testWorkerDeps } from "../testing/worker-deps";
import { emailHash } from "./address";
import { campaignCounts, campaignLog, commandCampaign, createCampaign } from "./campaigns";
import { claimBatch } from "./leases";
import { resultRecorder } from "./recording";
import { deleteSubscriberData, setPaused, unsubscribe } from "./subscriptions";
import { runWorker, type WorkerDeps } from "./worker";

const target = await testDatabaseTarget();
const issue = testIssue("Winter walking");

describe.skipIf(!target.available)(`sending campaigns on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let reject: (to: string) => number | undefined = () => undefined;
  const sink = suiteSmtpSink({ reject: (to) => reject(to) });
  beforeEach(async () => {
    reject = () => undefined;
    sink.messages.length = 0;
    await t.db.campaign.deleteMany();
    await t.db.subscriber.deleteMany();
    await t.db.suppression.deleteMany();
  });

  const subscribers = async (n: number, over: (i: number) => object = () => ({})) => {
    const rows = Array.from({ length: n }, (_, i) => ({
      email: `reader${i}@example.com`,
      emailHash: emailHash(`reader${i}@example.com`),
      status: "confirmed",
      firstName: i % 2 ? `R${i}` : null,
      ...over(i),
    }));
    for (let i = 0; i < rows.length; i += 500) await t.db.subscriber.createMany({ data: rows.slice(i, i + 500) });
  };
  const deps = (db: Db = t.db, over: Partial<WorkerDeps> = {}): WorkerDeps => testWorkerDeps(db, sink.url, over);
  const campaign = (resend = false) => createTestCampaign(t.db, "winter", issue, { resend });
  const recipientsOf = () => sink.messages.map(recipientOf);

  it("a campaign to 1,000 subscribers arrives exactly once each, with list headers", async () => {
    await subscribers(1000);
    await t.db.subscriber.create({
      data: { email: "pending@example.com", emailHash: emailHash("pending@example.com"), status: "pending" },
    });
    await t.db.subscriber.create({
      data: { email: "paused@example.com", emailHash: emailHash("paused@example.com"), status: "confirmed", paused: true },
    });
    const id = await campaign();
    await runWorker(deps(), { once: true });
    const to = recipientsOf();
    expect(to).toHaveLength(1000);
    expect(new Set(to).size).toBe(1000);
    expect(to).not.toContain("pending@example.com");
    expect(to).not.toContain("paused@example.com");
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(1000);
    const m = sink.messages[0];
    expect(rawHeader(m, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader(m, "List-Id")).toBe('"Less Pain, More Life" <newsletter.backinmotion.example>');
    expect(await campaignCounts(t.db, id)).toMatchObject({ sent: 1000, queued: 0, failed: 0, inFlight: 0, inDoubt: 0 });
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("done");
  });

  it("refuses a second send of the same issue unless forced, and an empty list", async () => {
    expect(
      (await createCampaign(t.db, { newsletterSlug: "winter", subject: "s", html: "h", text: "t", sendAt: new Date() }, { resend: false }))
        .kind,
    ).toBe("no-recipients");
    expect(await t.db.campaign.count()).toBe(0);
    await subscribers(3);
    await campaign();
    expect(
      (await createCampaign(t.db, { newsletterSlug: "winter", subject: "s", html: "h", text: "t", sendAt: new Date() }, { resend: false }))
        .kind,
    ).toBe("already-sent");
    await campaign(true);
    expect(await t.db.campaign.count()).toBe(2);
  });

  it("two sends of one issue at once create one campaign, and nobody is mailed twice", async () => {
    await subscribers(30);
    const send = () =>
      createCampaign(
        t.db,
        { newsletterSlug: "winter", subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
        { resend: false },
      );
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.kind).sort()).toEqual(["already-sent", "already-sent", "created"]);
    const created = results.find((r) => r.kind === "created")!;
    for (const r of results) if (r.kind === "already-sent") expect(r.campaignId).toBe(created.kind === "created" && created.campaignId);
    expect(await t.db.campaign.count()).toBe(1);
    expect(await t.db.delivery.count()).toBe(30);
    await Promise.all([runWorker(deps(), { once: true }), runWorker(deps(), { once: true })]);
    expect(recipientsOf()).toHaveLength(30);
    expect(new Set(recipientsOf()).size).toBe(30);
  });

  it("a resend posted twice from one form (a double click) creates one new campaign", async () => {
    await subscribers(3);
    const first = await campaign();
    const resend = () =>
      createCampaign(
        t.db,
        { newsletterSlug: "winter", subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
        { resend: true, resendAfter: first },
      );
    const [a, b] = [await resend(), await resend()];
    expect(a.kind).toBe("created");
    expect(b).toMatchObject({ kind: "already-sent", campaignId: a.kind === "created" ? a.campaignId : "" });
    expect(await t.db.campaign.count()).toBe(2);
  });

  it("an explicit resend and a send after a cancelled campaign each get the next number", async () => {
    await subscribers(2);
    const first = await campaign();
    await t.db.campaign.update({ where: { id: first }, data: { status: "cancelled" } });
    const second = await campaign();
    const third = await campaign(true);
    const rows = await t.db.campaign.findMany({ orderBy: { sequence: "asc" }, select: { id: true, sequence: true } });
    expect(rows).toEqual([
      { id: first, sequence: 1 },
      { id: second, sequence: 2 },
      { id: third, sequence: 3 },
    ]);
  });

  it("suppressed addresses are left out even if they are still rows", async () => {
    await subscribers(5);
    await t.db.suppression.create({ data: { emailHash: emailHash("reader2@example.com"), reason: "unsubscribed" } });
    await campaign();
    await runWorker(deps(), { once: true });
    expect(recipientsOf().sort()).toEqual(["reader0@example.com", "reader1@example.com", "reader3@example.com", "reader4@example.com"]);
  });

  it("retries temporary failures and suppresses permanent ones", async () => {
    await subscribers(20);
    const tempFailed = new Set<string>();
    reject = (to) => {
      if (to === "reader3@example.com") return 550;
      if (to.match(/reader1\d@/) && !tempFailed.has(to)) {
        tempFailed.add(to);
        return 451;
      }
      return undefined;
    };
    const id = await campaign();
    await runWorker(deps(), { once: true });
    const to = recipientsOf();
    expect(to).toHaveLength(19);
    expect(new Set(to).size).toBe(19);
    expect(tempFailed.size).toBe(10);
    expect(await campaignCounts(t.db, id)).toMatchObject({ sent: 19, failed: 1 });
    expect(await t.db.suppression.findUnique({ where: { emailHash: emailHash("reader3@example.com") } })).toMatchObject({
      reason: "bounced",
    });
    expect(await t.db.subscriber.count({ where: { email: "reader3@example.com" } })).toBe(0);
    expect((await campaignLog(t.db, id)).map((e) => e.kind)).toEqual(expect.arrayContaining(["created", "started", "failed", "done"]));
  });

  it("pauses itself when SMTP keeps failing, says why, and resumes where it stopped", async () => {
    await subscribers(60);
    let down = true;
    reject = () => (down ? 421 : undefined);
    const id = await campaign();
    await runWorker(deps(t.db, { errorThreshold: 5, maxAttempts: 10 }), { once: true });
    const paused = await t.db.campaign.findUniqueOrThrow({ where: { id } });
    expect(paused.status).toBe("paused");
    expect(paused.pauseReason).toMatch(/5 consecutive SMTP errors; last: 421/);
    expect(sink.messages).toHaveLength(0);
    expect(await campaignCounts(t.db, id)).toMatchObject({ sent: 0, inFlight: 0 });

    down = false;
    expect(await commandCampaign(t.db, id, "resume")).toEqual({ ok: true, status: "sending" });
    await runWorker(deps(), { once: true });
    expect(new Set(recipientsOf()).size).toBe(60);
    expect(recipientsOf()).toHaveLength(60);
  });

  it("an editor's pause stops the send and resume finishes it, nobody mailed twice", async () => {
    await subscribers(300);
    const id = await campaign();
    let paused = false;
    await runWorker(
      deps(t.db, {
        onProgress: (p) => {
          if (!paused && p.sent >= 50) {
            paused = true;
            void commandCampaign(t.db, id, "pause");
          }
        },
      }),
      { once: true },
    );
    const mid = await campaignCounts(t.db, id);
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("paused");
    expect(mid.sent).toBeGreaterThanOrEqual(50);
    expect(mid.sent).toBeLessThan(300);
    expect(mid.inFlight).toBe(0);
    await commandCampaign(t.db, id, "resume");
    await runWorker(deps(), { once: true });
    expect(recipientsOf()).toHaveLength(300);
    expect(new Set(recipientsOf()).size).toBe(300);
  });

  it("someone who unsubscribes or pauses while a campaign waits is not mailed; deleting data clears the address from past sends", async () => {
    await subscribers(4);
    await campaign();
    const leaver = await t.db.subscriber.findFirstOrThrow({ where: { email: "reader1@example.com" } });
    await unsubscribe(t.db, leaver.id);
    const resting = await t.db.subscriber.findFirstOrThrow({ where: { email: "reader3@example.com" } });
    await setPaused(t.db, resting.id, true);
    await runWorker(deps(), { once: true });
    expect(recipientsOf().sort()).toEqual(["reader0@example.com", "reader2@example.com"]);
    const gone = await t.db.subscriber.findFirstOrThrow({ where: { email: "reader2@example.com" } });
    await deleteSubscriberData(t.db, gone.id);
    expect(await t.db.delivery.count({ where: { email: "reader2@example.com" } })).toBe(0);
  });

  it("someone who unsubscribes after a worker leased their delivery is not mailed either", async () => {
    await subscribers(3);
    const id = await campaign();
    // A worker has leased every delivery but handed none to SMTP yet.
    const leased = await claimBatch(t.db, id, "worker-a", 10, new Date());
    expect(leased).toHaveLength(3);
    const leaver = await t.db.subscriber.findFirstOrThrow({ where: { email: "reader1@example.com" } });
    await unsubscribe(t.db, leaver.id);
    // Before sending each row, the worker marks it "sending"; the leaver's is gone, so it is skipped.
    const record = resultRecorder(t.db, "worker-a", { concurrency: 1 });
    const mine = await Promise.all(leased.map((row) => record({ sending: row })));
    expect(
      leased
        .filter((_, i) => mine[i])
        .map((r) => r.email)
        .sort(),
    ).toEqual(["reader0@example.com", "reader2@example.com"]);
  });

  it("a scheduled campaign waits for its time", async () => {
    await subscribers(5);
    const later = new Date(Date.now() + 3_600_000);
    const r = await createCampaign(
      t.db,
      { newsletterSlug: "later", subject: issue.subject, html: issue.html, text: issue.text, sendAt: later },
      { resend: false },
    );
    if (r.kind !== "created") throw new Error(r.kind);
    await runWorker(deps(), { once: true });
    expect(sink.messages).toHaveLength(0);
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: r.campaignId } })).status).toBe("scheduled");
    await runWorker(deps(t.db, { now: () => new Date(later.getTime() + 1000) }), { once: true });
    expect(recipientsOf()).toHaveLength(5);
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: r.campaignId } })).status).toBe("done");
  });

  it("a campaign waiting hours on a retry neither holds back the next one nor keeps a one-shot send running", async () => {
    await subscribers(3);
    reject = (to) => (to === "reader1@example.com" ? 451 : undefined);
    const slow = await campaign();
    const started = Date.now();
    await runWorker(deps(t.db, { retrySeconds: 3600 }), { once: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await campaignCounts(t.db, slow)).toMatchObject({ sent: 2, queued: 1 });
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: slow } })).status).toBe("sending");

    reject = () => undefined;
    sink.messages.length = 0;
    const r = await createCampaign(
      t.db,
      { newsletterSlug: "next-issue", subject: "Next issue", html: issue.html, text: issue.text, sendAt: new Date() },
      { resend: false },
    );
    if (r.kind !== "created") throw new Error(r.kind);
    await runWorker(deps(t.db, { retrySeconds: 3600 }), { once: true });
    expect(sink.messages.filter((m) => m.subject === "Next issue")).toHaveLength(3);
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: r.campaignId } })).status).toBe("done");
  });

  it("a cancelled campaign sends nothing more", async () => {
    await subscribers(10);
    const id = await campaign();
    expect(await commandCampaign(t.db, id, "cancel")).toEqual({ ok: true, status: "cancelled" });
    await runWorker(deps(), { once: true });
    expect(sink.messages).toHaveLength(0);
    expect(await commandCampaign(t.db, id, "resume")).toMatchObject({ ok: false });
  });

  it.runIf(target.kind === "postgres")("two workers on one campaign send every recipient exactly once", async () => {
    await subscribers(2000);
    const id = await campaign();
    const second = createDb({ url: t.url, poolSize: 5 });
    try {
      await Promise.all([
        runWorker(deps(t.db, { workerId: "host-a:1:a" }), { once: true }),
        runWorker(deps(second, { workerId: "host-b:2:b" }), { once: true }),
      ]);
    } finally {
      await second.$disconnect();
    }
    const to = recipientsOf();
    expect(to).toHaveLength(2000);
    expect(new Set(to).size).toBe(2000);
    expect(await campaignCounts(t.db, id)).toMatchObject({ sent: 2000, inDoubt: 0 });
  });
});
