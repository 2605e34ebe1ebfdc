import { beforeEach, describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { confirmedSubscribers, createTestCampaign, numberedEmails } from "../testing/worker-deps";
import { emailHash } from "./address";
import { claimBatch, type DeliveryRow } from "./leases";
import { resultRecorder } from "./recording";

// How the worker records SMTP results (lib/newsletter/recording.ts) on its
// own: a row must be "sending", committed, before it goes out, and each
// result lands on the row it belongs to.
const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`recording sending results on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let campaignId: string;
  let leased: DeliveryRow[];
  const state = async () =>
    Object.fromEntries(
      (await t.db.delivery.findMany({ where: { campaignId }, select: { email: true, status: true, attempts: true, error: true } })).map(
        (r) => [r.email, `${r.status}/${r.attempts}${r.error ? ` ${r.error}` : ""}`],
      ),
    );

  beforeEach(async () => {
    await t.db.campaign.deleteMany();
    await t.db.subscriber.deleteMany();
    await t.db.suppression.deleteMany();
    await t.db.subscriber.createMany({ data: confirmedSubscribers(numberedEmails("reader", 4)) });
    campaignId = await createTestCampaign(t.db, "recording");
    leased = (await claimBatch(t.db, campaignId, "worker-a", 4, new Date())).sort((a, b) => a.email.localeCompare(b.email));
  });

  it("marks the next row sending and the last one sent, for every slot reporting in the same turn", async () => {
    const record = resultRecorder(t.db, "worker-a", { concurrency: 2 });
    expect(await Promise.all([record({ sending: leased[0] }), record({ sending: leased[1] })])).toEqual([true, true]);
    expect(await state()).toMatchObject({ "reader0@example.com": "sending/0", "reader1@example.com": "sending/0" });
    const next = await Promise.all([
      record({ result: { row: leased[0], step: { to: "sent" } }, sending: leased[2] }),
      record({ result: { row: leased[1], step: { to: "sent" } }, sending: leased[3] }),
    ]);
    expect(next).toEqual([true, true]);
    expect(await state()).toEqual({
      "reader0@example.com": "sent/1",
      "reader1@example.com": "sent/1",
      "reader2@example.com": "sending/0",
      "reader3@example.com": "sending/0",
    });
  });

  it("a retry goes back to the queue; a permanent rejection fails, suppresses the address and removes the subscriber", async () => {
    const record = resultRecorder(t.db, "worker-a", { concurrency: 1 });
    await Promise.all([record({ sending: leased[0] }), record({ sending: leased[1] })]);
    const retryAt = new Date(Date.now() + 60_000);
    await Promise.all([
      record({ result: { row: leased[0], step: { to: "queued", retryAt, error: "421: try later" } } }),
      record({ result: { row: leased[1], step: { to: "failed", error: "550: no such user", suppress: true } } }),
    ]);
    expect(await state()).toMatchObject({
      "reader0@example.com": "queued/1 421: try later",
      "reader1@example.com": "failed/1 550: no such user",
    });
    expect(await t.db.suppression.findUnique({ where: { emailHash: emailHash("reader1@example.com") } })).toMatchObject({
      reason: "bounced",
    });
    expect(await t.db.subscriber.count({ where: { email: "reader1@example.com" } })).toBe(0);
    expect(await t.db.campaignEvent.count({ where: { campaignId, kind: "failed" } })).toBe(1);
  });

  it("a row whose lease another worker took over is not ours to send", async () => {
    const record = resultRecorder(t.db, "worker-a", { concurrency: 1 });
    await t.db.delivery.update({ where: { id: leased[0].id }, data: { claimedBy: "worker-b" } });
    expect(await Promise.all([record({ sending: leased[0] }), record({ sending: leased[1] })])).toEqual([false, true]);
    expect(await state()).toMatchObject({ "reader0@example.com": "claimed/0", "reader1@example.com": "sending/0" });
  });
});
