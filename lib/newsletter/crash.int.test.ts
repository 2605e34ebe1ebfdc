import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { exited, spawnWorker } from "../testing/processes";
import { recipientOf, suiteSmtpSink } from "../testing/smtp-sink";
import { confirmedSubscribers, createTestCampaign, numberedEmails, testIssue } from "../testing/worker-deps";
import { campaignCounts, campaignLog } from "./campaigns";

// The worker is killed with SIGKILL at random moments during a 5,000
// recipient send and started again each time, as an operator (or a crashing
// machine) would. What must hold at the end: everyone got at least one copy,
// everyone's copies share one Message-ID, and the extra copies are no more
// than the deliveries the campaign log lists as in doubt.
const target = await testDatabaseTarget();
const RECIPIENTS = 5000;
const POOL = 4;

describe.runIf(target.available && target.kind === "sqlite")("crash safety of the delivery worker", () => {
  const t = suiteDatabase("sqlite");
  const sink = suiteSmtpSink();

  const startWorker = () =>
    spawnWorker(["--once"], {
      DATABASE_URL: t.url,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: String(POOL),
      NEWSLETTER_RATE_PER_SECOND: "600",
      NEWSLETTER_RETRY_SECONDS: "1",
    });

  it(`survives at least 5 SIGKILLs during a ${RECIPIENTS}-recipient send`, { timeout: 180_000 }, async () => {
    const rows = confirmedSubscribers(numberedEmails("crash", RECIPIENTS));
    for (let i = 0; i < rows.length; i += 1000) await t.db.subscriber.createMany({ data: rows.slice(i, i + 1000) });
    const campaignId = await createTestCampaign(t.db, "crash", testIssue("Crash test"));

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
      const to = recipientOf(m);
      byRecipient.set(to, (byRecipient.get(to) ?? new Set()).add(m.messageId!));
    }
    expect(byRecipient.size).toBe(RECIPIENTS);
    for (const [, ids] of byRecipient) expect(ids.size).toBe(1);

    const log = await campaignLog(t.db, campaignId);
    const inDoubtEvents = log.filter((e) => e.kind === "in-doubt");
    const listed = inDoubtEvents.reduce((n, e) => n + Number(e.detail.match(/^(\d+) deliveries/)![1]), 0);
    for (const e of inDoubtEvents) expect(Number(e.detail.match(/^(\d+)/)![1])).toBeLessThanOrEqual(POOL);
    const extra = sink.messages.length - RECIPIENTS;
    expect(extra).toBeGreaterThanOrEqual(0);
    expect(extra).toBeLessThanOrEqual(listed);
    expect(await campaignCounts(t.db, campaignId)).toMatchObject({ sent: RECIPIENTS, queued: 0, inFlight: 0, failed: 0 });
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status).toBe("done");
    console.log(`crash test: ${kills} kills, ${sink.messages.length} messages for ${RECIPIENTS} recipients, ${listed} listed in doubt`);
  });
});
