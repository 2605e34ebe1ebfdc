// Test support: a delivery worker wired to a test database and a test SMTP
// server, with fast retries. Tests override what they exercise.
import { keyring } from "../security/signed-token";
import type { Db } from "../db/client";
import { createMailer } from "../mail/transport";
import { sampleIssue } from "./sample-issue";
import type { WorkerDeps } from "../newsletter/worker";

export const TEST_FROM = "Back in Motion <news@backinmotion.example>";

export function testWorkerDeps(db: Db, smtpUrl: string, over: Partial<WorkerDeps> = {}): WorkerDeps {
  return {
    db,
    mailer: createMailer({ smtpUrl, poolSize: 4, from: TEST_FROM }),
    from: TEST_FROM,
    publicUrl: "https://backinmotion.example",
    keys: keyring("w".repeat(40)),
    listId: '"Less Pain, More Life" <newsletter.backinmotion.example>',
    unsubscribeMailto: "news@backinmotion.example",
    concurrency: 4,
    ratePerSecond: 0,
    ratePerHour: 0,
    errorThreshold: 25,
    maxAttempts: 3,
    retrySeconds: 1,
    leaseSeconds: 30,
    ...over,
  };
}

/** A small rendered issue for sending tests. */
export function testIssue(subject = "Winter walking") {
  return sampleIssue(subject);
}
