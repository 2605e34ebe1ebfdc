import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseTarget, type TestDatabase } from "../testing/database";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink";
import { testIssue } from "../testing/worker-deps";
import { emailHash } from "./address";
import { campaignCounts, createCampaign } from "./campaigns";

// SIGTERM in the middle of a send: the worker finishes the messages already
// handed to SMTP, records them, gives back every other delivery it held and
// exits 0, so another worker (on any machine) takes over at once, not after
// the lease runs out. Nothing is left in doubt, so nobody gets two copies.
const target = await testDatabaseTarget();
const RECIPIENTS = 300;

describe.skipIf(!target.available)(`graceful shutdown of the delivery worker on ${target.kind}`, () => {
  let t: TestDatabase;
  let sink: SmtpSink;
  beforeAll(async () => {
    t = await createTestDatabase(target.kind);
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await t?.cleanup();
  });

  const startWorker = (args: string[]): ChildProcess =>
    spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", ...args], {
      env: {
        ...process.env,
        APP_MODE: "local",
        DATABASE_URL: t.url,
        SMTP_URL: sink.url,
        SMTP_POOL_SIZE: "4",
        PUBLIC_URL: "https://backinmotion.example",
        SECRET_KEY: "c".repeat(40),
        // Slow enough to be stopped mid-send; a lease long enough that only an explicit release lets others in.
        NEWSLETTER_RATE_PER_SECOND: "40",
        NEWSLETTER_WORKER_LEASE_SECONDS: "600",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
  const exited = (p: ChildProcess) =>
    new Promise<number | null>((r) => (p.exitCode !== null || p.signalCode ? r(p.exitCode) : p.once("exit", (code) => r(code))));

  it("SIGTERM mid-send: in-flight messages are recorded, the rest given back at once", { timeout: 120_000 }, async () => {
    await t.db.subscriber.createMany({
      data: Array.from({ length: RECIPIENTS }, (_, i) => ({
        email: `stop${i}@example.com`,
        emailHash: emailHash(`stop${i}@example.com`),
        status: "confirmed",
      })),
    });
    const issue = testIssue("Stopping politely");
    const created = await createCampaign(
      t.db,
      { newsletterSlug: "shutdown", subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
      { resend: false },
    );
    if (created.kind !== "created") throw new Error(created.kind);

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
    const afterStop = await campaignCounts(t.db, created.campaignId);
    expect(afterStop).toMatchObject({ inFlight: 0, inDoubt: 0, sent: sink.messages.length });
    expect(afterStop.queued).toBeGreaterThan(0);
    expect(await t.db.delivery.count({ where: { status: { in: ["claimed", "sending"] } } })).toBe(0);

    const next = startWorker(["--once"]);
    expect(await exited(next)).toBe(0);
    const recipients = sink.messages.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address);
    expect(new Set(recipients).size).toBe(RECIPIENTS);
    expect(recipients).toHaveLength(RECIPIENTS);
    expect(await campaignCounts(t.db, created.campaignId)).toMatchObject({ sent: RECIPIENTS, inDoubt: 0 });
  });
});
