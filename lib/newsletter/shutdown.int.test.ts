import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { exited, spawnWorker } from "../testing/processes";
import { recipientOf, suiteSmtpSink } from "../testing/smtp-sink";
import { confirmedSubscribers, createTestCampaign, numberedEmails, testIssue } from "../testing/worker-deps";
import { campaignCounts } from "./campaigns";

// SIGTERM in the middle of a send: the worker finishes the messages already
// handed to SMTP, records them, gives back every other delivery it held and
// exits 0, so another worker (on any machine) takes over at once, not after
// the lease runs out. Nothing is left in doubt, so nobody gets two copies.
const target = await testDatabaseTarget();
const RECIPIENTS = 300;

describe.skipIf(!target.available)(`graceful shutdown of the delivery worker on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  const sink = suiteSmtpSink();

  const startWorker = (args: string[]) =>
    spawnWorker(args, {
      DATABASE_URL: t.url,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: "4",
      // Slow enough to be stopped mid-send; a lease long enough that only an explicit release lets others in.
      NEWSLETTER_RATE_PER_SECOND: "40",
      NEWSLETTER_WORKER_LEASE_SECONDS: "600",
    });

  it("SIGTERM mid-send: in-flight messages are recorded, the rest given back at once", { timeout: 120_000 }, async () => {
    await t.db.subscriber.createMany({ data: confirmedSubscribers(numberedEmails("stop", RECIPIENTS)) });
    const campaignId = await createTestCampaign(t.db, "shutdown", testIssue("Stopping politely"));

    const worker = startWorker([]);
    let output = "";
    worker.stdout!.on("data", (c) => (output += c));
    worker.stderr!.on("data", (c) => (output += c));
    await sink.waitFor(30, 60_000);
    const stopAt = Date.now();
    worker.kill("SIGTERM");
    expect(await exited(worker), output).toBe(0);
    console.log(`stopped in ${Date.now() - stopAt} ms after ${sink.messages.length} messages`);
    expect(output).toContain("SIGTERM: finishing the messages in flight");

    // What the stopped worker left: nothing held, nothing in doubt, and every message the relay got is recorded as sent.
    const afterStop = await campaignCounts(t.db, campaignId);
    expect(afterStop).toMatchObject({ inFlight: 0, inDoubt: 0, sent: sink.messages.length });
    expect(afterStop.queued).toBeGreaterThan(0);
    expect(await t.db.delivery.count({ where: { status: { in: ["claimed", "sending"] } } })).toBe(0);

    const next = startWorker(["--once"]);
    expect(await exited(next)).toBe(0);
    const recipients = sink.messages.map(recipientOf);
    expect(new Set(recipients).size).toBe(RECIPIENTS);
    expect(recipients).toHaveLength(RECIPIENTS);
    expect(await campaignCounts(t.db, campaignId)).toMatchObject({ sent: RECIPIENTS, inDoubt: 0 });
  });
});
