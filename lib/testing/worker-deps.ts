// Test support: a delivery worker wired to a test database and a test SMTP
// server, with fast retries (tests override what they exercise), and the
// subscribers and campaign a sending test starts from.
import { keyring } from "../security/signed-token";
import type { Db } from "../db/client";
import { createMailer } from "../mail/transport";
import { emailHash } from "../newsletter/address";
import { createCampaign } from "../newsletter/campaigns";
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

/** `${prefix}0@example.com` … `${prefix}${n - 1}@example.com`. */
export const numberedEmails = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`);

/** Rows for subscriber.createMany: one confirmed subscriber per address, the rest as the schema defaults it. */
export const confirmedSubscribers = (emails: string[]) =>
  emails.map((email) => ({ email, emailHash: emailHash(email), status: "confirmed" }));

/** A campaign of `issue` due now (its list frozen), or an error naming why none was created; its id. */
export async function createTestCampaign(db: Db, newsletterSlug: string, issue = testIssue(), { resend = false } = {}): Promise<string> {
  const r = await createCampaign(
    db,
    { newsletterSlug, subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
    { resend },
  );
  if (r.kind !== "created") throw new Error(r.kind);
  return r.campaignId;
}
