import { describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { suiteSmtpSink } from "../testing/smtp-sink";
import { confirmedSubscribers, createTestCampaign, numberedEmails, testIssue, testWorkerDeps } from "../testing/worker-deps";
import { campaignCounts } from "./campaigns";
import { runWorker } from "./worker";

// Two workers, each with its own database connection, share one campaign
// under a cap of N per second: together they send N per second, not 2N.
// Counts are taken from the moments messages were handed to SMTP (what the
// cap governs; the test SMTP server parses in this same process, so its
// arrival times bunch up) and checked generously; nothing here depends on
// the machine being fast.
const target = await testDatabaseTarget();
const CAP = 20;
const RECIPIENTS = 120;

describe.skipIf(!target.available)(`sending caps shared by every worker on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  const sink = suiteSmtpSink();
  const handed: number[] = [];

  it(`two workers under a cap of ${CAP}/s send ${CAP}/s together`, { timeout: 120_000 }, async () => {
    await t.db.subscriber.createMany({ data: confirmedSubscribers(numberedEmails("cap", RECIPIENTS)) });
    const campaignId = await createTestCampaign(t.db, "paced", testIssue("Paced"));

    const second = createDb({ url: t.url, poolSize: 5 });
    const senders = new Map<string, number>();
    const deps = (db: typeof t.db, id: string) => {
      const d = testWorkerDeps(db, sink.url, { ratePerSecond: CAP, workerId: id, leaseSeconds: 600 });
      const send = d.mailer.send.bind(d.mailer);
      d.mailer = {
        send: (m) => {
          handed.push(Date.now());
          senders.set(id, (senders.get(id) ?? 0) + 1);
          return send(m);
        },
      };
      return d;
    };
    const started = Date.now();
    try {
      await Promise.all([
        runWorker(deps(t.db, "w-one"), { once: true, campaignId: campaignId }),
        runWorker(deps(second, "w-two"), { once: true, campaignId: campaignId }),
      ]);
    } finally {
      await second.$disconnect();
    }
    const elapsed = (Date.now() - started) / 1000;
    expect(await campaignCounts(t.db, campaignId)).toMatchObject({ sent: RECIPIENTS });
    expect(sink.messages).toHaveLength(RECIPIENTS);
    // Both took part.
    expect(senders.get("w-one")).toBeGreaterThan(10);
    expect(senders.get("w-two")).toBeGreaterThan(10);
    // A burst of one second's worth, then CAP a second: 120 messages need at least (120 - 20) / 20 = 5 s, whoever sends them.
    expect(elapsed).toBeGreaterThanOrEqual((RECIPIENTS - CAP) / CAP - 0.5);
    // Two caps of 20/s kept apart would have sent 120 in (120 - 40) / 40 = 2 s. In any one-second window: at most
    // the burst plus a second's worth (the bound of the algorithm after a pause), plus the 8 slots' sends a
    // stalled event loop can push from one window into the next.
    const times = [...handed].sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0; i < times.length; i++) {
      let j = i;
      while (j < times.length && times[j]! - times[i]! < 1000) j++;
      worst = Math.max(worst, j - i);
    }
    expect(worst).toBeLessThanOrEqual(2 * CAP + 10);
    console.log(
      `pacing on ${target.kind}: ${RECIPIENTS} in ${elapsed.toFixed(1)} s, busiest second ${worst}, split ${[...senders.values()].join("/")}`,
    );
  });
});
