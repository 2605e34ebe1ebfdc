import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseTarget, type TestDatabase } from "../testing/database";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink";
import { testIssue } from "../testing/worker-deps";
import { emailHash } from "./address";
import { campaignCounts, campaignLog, createCampaign } from "./campaigns";

// The worker is killed with SIGKILL at random moments during a 5,000
// recipient send and started again each time, as an operator (or a crashing
// machine) would. What must hold at the end: everyone got at least one copy,
// everyone's copies share one Message-ID, and the extra copies are no more
// than the deliveries the campaign log lists as in doubt.
const target = await testDatabaseTarget();
const RECIPIENTS = 5000;
const POOL = 4;

describe.runIf(target.available && target.kind === "sqlite")("crash safety of the delivery worker", () => {
  let t: TestDatabase;
  let sink: SmtpSink;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await t?.cleanup();
  });

  const startWorker = (): ChildProcess =>
    spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", "--once"], {
      env: {
        ...process.env,
        APP_MODE: "local",
        DATABASE_URL: t.url,
        SMTP_URL: sink.url,
        SMTP_POOL_SIZE: String(POOL),
        PUBLIC_URL: "https://backinmotion.example",
        SECRET_KEY: "c".repeat(40),
        NEWSLETTER_RATE_PER_SECOND: "600",
        NEWSLETTER_RETRY_SECONDS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
  const exited = (p: ChildProcess) =>
    new Promise<number | null>((r) => (p.exitCode !== null || p.signalCode ? r(p.exitCode) : p.once("exit", (code) => r(code))));

  it(`survives at least 5 SIGKILLs during a ${RECIPIENTS}-recipient send`, { timeout: 180_000 }, async () => {
    const rows = Array.from({ length: RECIPIENTS }, (_, i) => ({
      email: `crash${i}@example.com`,
      emailHash: emailHash(`crash${i}@example.com`),
      status: "confirmed",
    }));
    for (let i = 0; i < rows.length; i += 1000) await t.db.subscriber.createMany({ data: rows.slice(i, i + 1000) });
    const issue = testIssue("Crash test");
    const created = await createCampaign(
      t.db,
      { newsletterSlug: "crash", subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
      { resend: false },
    );
    if (created.kind !== "created") throw new Error(created.kind);

    let kills = 0;
    while (kills < 5) {
      const before = sink.messages.length;
      const worker = startWorker();
      // Let it get going, then kill it at a random moment.
      while (sink.messages.length === before && worker.exitCode === null) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 1200));
      if (worker.exitCode !== null) break;
      worker.kill("SIGKILL");
      await exited(worker);
      kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(5);
    const last = startWorker();
    let output = "";
    last.stderr!.on("data", (c) => (output += c));
    expect(await exited(last), output).toBe(0);

    const byRecipient = new Map<string, Set<string>>();
    for (const m of sink.messages) {
      const to = (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address!;
      byRecipient.set(to, (byRecipient.get(to) ?? new Set()).add(m.messageId!));
    }
    expect(byRecipient.size).toBe(RECIPIENTS);
    for (const [, ids] of byRecipient) expect(ids.size).toBe(1);

    const log = await campaignLog(t.db, created.campaignId);
    const inDoubtEvents = log.filter((e) => e.kind === "in-doubt");
    const listed = inDoubtEvents.reduce((n, e) => n + Number(e.detail.match(/^(\d+) deliveries/)![1]), 0);
    for (const e of inDoubtEvents) expect(Number(e.detail.match(/^(\d+)/)![1])).toBeLessThanOrEqual(POOL);
    const extra = sink.messages.length - RECIPIENTS;
    expect(extra).toBeGreaterThanOrEqual(0);
    expect(extra).toBeLessThanOrEqual(listed);
    expect(await campaignCounts(t.db, created.campaignId)).toMatchObject({ sent: RECIPIENTS, queued: 0, inFlight: 0, failed: 0 });
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: created.campaignId } })).status).toBe("done");
    console.log(`crash test: ${kills} kills, ${sink.messages.length} messages for ${RECIPIENTS} recipients, ${listed} listed in doubt`);
  });
});
