import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { beforeEach, describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { confirmedSubscribers, createTestCampaign, numberedEmails } from "../testing/worker-deps";
import { claimBatch, giveBack, isDeadHere, newWorkerId, recoverOrphans, releaseHolder, renewLease, unsend } from "./leases";

// The lease rules of the sending worker (lib/newsletter/leases.ts), each on
// its own; campaigns.int.test.ts and crash.int.test.ts run them together.
const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`delivery leases on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let campaignId: string;
  const rows = () =>
    t.db.delivery.findMany({
      where: { campaignId },
      orderBy: { email: "asc" },
      select: { email: true, status: true, claimedBy: true, inDoubt: true, claimedAt: true },
    });
  const byStatus = async () => {
    const counts: Record<string, number> = {};
    for (const r of await rows()) counts[`${r.status}:${r.claimedBy ?? "-"}`] = (counts[`${r.status}:${r.claimedBy ?? "-"}`] ?? 0) + 1;
    return counts;
  };
  // A lease last renewed at `at` (claimBatch leases only rows already due, so it is given the present).
  const leasedAt = (holder: string, at: Date) => t.db.delivery.updateMany({ where: { claimedBy: holder }, data: { claimedAt: at } });
  const markSending = (holder: string, emails: string[]) =>
    t.db.delivery.updateMany({ where: { campaignId, claimedBy: holder, email: { in: emails } }, data: { status: "sending" } });

  beforeEach(async () => {
    await t.db.campaign.deleteMany();
    await t.db.subscriber.deleteMany();
    await t.db.subscriber.createMany({ data: confirmedSubscribers(numberedEmails("reader", 5)) });
    campaignId = await createTestCampaign(t.db, "leases");
  });

  it("a batch leases only queued, due rows, to one worker, and never the same row to two", async () => {
    const a = await claimBatch(t.db, campaignId, "worker-a", 3, new Date());
    const b = await claimBatch(t.db, campaignId, "worker-b", 3, new Date());
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(2);
    expect(new Set([...a, ...b].map((r) => r.id)).size).toBe(5);
    expect(await claimBatch(t.db, campaignId, "worker-c", 3, new Date())).toEqual([]);
    expect(await byStatus()).toEqual({ "claimed:worker-a": 3, "claimed:worker-b": 2 });
    // A row whose retry is not yet due is not leased.
    await giveBack(
      t.db,
      "worker-b",
      b.map((r) => r.id),
    );
    await t.db.delivery.updateMany({ where: { id: b[0].id }, data: { nextAttemptAt: new Date(Date.now() + 60_000) } });
    expect((await claimBatch(t.db, campaignId, "worker-c", 5, new Date())).map((r) => r.id)).toEqual([b[1].id]);
  });

  it("rows given back, or never handed to SMTP, return to the queue; another worker's rows are left alone", async () => {
    const mine = await claimBatch(t.db, campaignId, "worker-a", 2, new Date());
    const theirs = await claimBatch(t.db, campaignId, "worker-b", 2, new Date());
    await giveBack(
      t.db,
      "worker-a",
      [...mine, ...theirs].map((r) => r.id),
    );
    expect(await byStatus()).toEqual({ "queued:-": 3, "claimed:worker-b": 2 });
    await markSending("worker-b", [theirs[0].email]);
    await unsend(t.db, "worker-a", (await t.db.delivery.findFirstOrThrow({ where: { status: "sending" } })).id);
    expect(await byStatus()).toEqual({ "queued:-": 3, "claimed:worker-b": 1, "sending:worker-b": 1 });
    await unsend(t.db, "worker-b", (await t.db.delivery.findFirstOrThrow({ where: { status: "sending" } })).id);
    expect(await byStatus()).toEqual({ "queued:-": 4, "claimed:worker-b": 1 });
  });

  it("the heartbeat renews every lease the worker holds, and only its own", async () => {
    const long = new Date(Date.now() - 3_600_000);
    await claimBatch(t.db, campaignId, "worker-a", 2, new Date());
    await claimBatch(t.db, campaignId, "worker-b", 2, new Date());
    await leasedAt("worker-a", long);
    await leasedAt("worker-b", long);
    const now = new Date();
    await renewLease(t.db, "worker-a", now);
    const held = (await rows()).filter((r) => r.claimedBy);
    expect(held.filter((r) => r.claimedBy === "worker-a").map((r) => r.claimedAt?.getTime())).toEqual([now.getTime(), now.getTime()]);
    expect(held.filter((r) => r.claimedBy === "worker-b").map((r) => r.claimedAt?.getTime())).toEqual([long.getTime(), long.getTime()]);
  });

  it("a worker whose lease ran out loses its rows; those in flight come back in doubt, with an event saying so", async () => {
    const held = await claimBatch(t.db, campaignId, "gone-worker", 3, new Date());
    await leasedAt("gone-worker", new Date(Date.now() - 10 * 60_000)); // its last heartbeat
    await markSending("gone-worker", [held[0].email]);
    await claimBatch(t.db, campaignId, "live-worker", 2, new Date());
    const lines: string[] = [];
    const doubted = await recoverOrphans(t.db, "me", 120, new Date(), (l) => lines.push(l));
    expect(doubted).toBe(1);
    expect(await byStatus()).toEqual({ "queued:-": 3, "claimed:live-worker": 2 });
    expect((await rows()).filter((r) => r.inDoubt).map((r) => r.email)).toEqual([held[0].email]);
    expect(lines).toEqual(["recovered 1 in-doubt deliveries from gone-worker"]);
    const events = await t.db.campaignEvent.findMany({ where: { campaignId, kind: "in-doubt" } });
    expect(events).toHaveLength(1);
    expect(events[0].detail).toContain("worker gone-worker stopped");
    // Releasing a holder with nothing left changes nothing.
    expect(await releaseHolder(t.db, "gone-worker")).toBe(0);
  });

  it("a worker on this machine whose process is gone is dead at once, before its lease runs out", async () => {
    const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const deadHere = `${hostname()}:${ended.stdout}:abc123`;
    expect(isDeadHere(deadHere)).toBe(true);
    expect(isDeadHere(newWorkerId())).toBe(false); // this process
    expect(isDeadHere(`another-host:${ended.stdout}:abc123`)).toBe(false); // not ours to judge: its lease decides
    await claimBatch(t.db, campaignId, deadHere, 2, new Date());
    await recoverOrphans(t.db, "me", 120, new Date());
    expect(await byStatus()).toEqual({ "queued:-": 5 });
  });
});
