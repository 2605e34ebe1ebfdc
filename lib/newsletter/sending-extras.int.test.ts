import { generateKeyPairSync } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createMailer } from "../mail/transport";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { rawHeader, suiteSmtpSink } from "../testing/smtp-sink";
import { confirmedSubscribers, numberedEmails, testIssue, testWorkerDeps } from "../testing/worker-deps";
import { createCampaign } from "./campaigns";
import { runWorker, type WorkerDeps } from "./worker";

// Rate caps and DKIM signing, checked end to end through a real SMTP server.
const target = await testDatabaseTarget();
const issue = testIssue("Caps");

describe.runIf(target.available && target.kind === "sqlite")("sending limits and signatures", () => {
  const t = suiteDatabase("sqlite");
  const sink = suiteSmtpSink();
  beforeEach(async () => {
    sink.messages.length = 0;
    await t.db.campaign.deleteMany();
    await t.db.subscriber.deleteMany();
    await t.db.subscriber.createMany({ data: confirmedSubscribers(numberedEmails("cap", 40)) });
    const r = await createCampaign(
      t.db,
      { newsletterSlug: "caps", subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
      { resend: true },
    );
    expect(r.kind).toBe("created");
  });
  const deps = (over: Partial<WorkerDeps>): WorkerDeps => testWorkerDeps(t.db, sink.url, over);

  it("holds to messages per second", async () => {
    const start = Date.now();
    await runWorker(deps({ ratePerSecond: 20 }), { once: true });
    expect(sink.messages).toHaveLength(40);
    // 40 messages at 20/s with a burst of 20: at least about one second.
    expect(Date.now() - start).toBeGreaterThanOrEqual(900);
  });

  it("signs every message with DKIM when configured", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const mailer = createMailer({
      smtpUrl: sink.url,
      poolSize: 2,
      from: "Back in Motion <news@backinmotion.example>",
      dkim: {
        domainName: "backinmotion.example",
        keySelector: "mail",
        privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      },
    });
    await runWorker(deps({ mailer }), { once: true });
    expect(sink.messages).toHaveLength(40);
    for (const m of sink.messages) expect(rawHeader(m, "DKIM-Signature")).toMatch(/d=backinmotion\.example; .*s=mail/);
  });
});
