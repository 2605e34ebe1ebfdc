// Wires the newsletter rules to this process's configuration. Route
// handlers and the command-line tools use these.
import { captchaCheckFor } from "../captcha/runtime";
import { db } from "../db";
import { env } from "../env";
import { mailer } from "../mail";
import { memoize } from "../memoize";
import { createRateLimiter } from "../security/rate-limit";
import { requestPathRevalidation } from "../revalidate-remote";
import { site } from "../site";
import { addressOf, listIdFor } from "./list-headers";
import type { NewsletterDeps } from "./subscriptions";
import type { WorkerDeps } from "./worker";

export const NEWSLETTER_NAME = "Less Pain, More Life";

const ipLimiter = memoize(() =>
  createRateLimiter(db(), "newsletter-ip", { points: env().NEWSLETTER_RATE_PER_IP, durationSeconds: env().NEWSLETTER_RATE_WINDOW_SECONDS }),
);

export function newsletterDeps(): NewsletterDeps {
  const e = env();
  return {
    db: db(),
    mailer: mailer(),
    secret: e.SECRET_KEY,
    publicUrl: e.PUBLIC_URL,
    mailFrom: e.MAIL_FROM,
    unsubscribeMailto: e.NEWSLETTER_UNSUBSCRIBE_MAILTO,
    siteName: site.name,
    newsletterName: NEWSLETTER_NAME,
    addressPolicy: { rejectDisposable: e.NEWSLETTER_REJECT_DISPOSABLE, rejectRole: e.NEWSLETTER_REJECT_ROLE },
    confirmHours: e.NEWSLETTER_CONFIRM_HOURS,
    verifyCaptcha: captchaCheckFor("subscribe"),
    limitByIp: (ip) => ipLimiter().consume(ip),
  };
}

/** The delivery worker's settings from configuration. */
export function workerDeps(over: Partial<WorkerDeps> = {}): WorkerDeps {
  const e = env();
  return {
    db: db(),
    mailer: mailer(),
    from: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL,
    secret: e.SECRET_KEY,
    listId: listIdFor(NEWSLETTER_NAME, e.PUBLIC_URL),
    unsubscribeMailto: e.NEWSLETTER_UNSUBSCRIBE_MAILTO ?? addressOf(e.MAIL_FROM),
    concurrency: e.SMTP_POOL_SIZE,
    ratePerSecond: e.NEWSLETTER_RATE_PER_SECOND,
    ratePerHour: e.NEWSLETTER_RATE_PER_HOUR,
    errorThreshold: e.NEWSLETTER_ERROR_THRESHOLD,
    maxAttempts: e.NEWSLETTER_MAX_ATTEMPTS,
    retrySeconds: e.NEWSLETTER_RETRY_SECONDS,
    leaseSeconds: e.NEWSLETTER_WORKER_LEASE_SECONDS,
    onCampaignStarted: async (slug) => {
      await requestPathRevalidation("/newsletter/archive");
      await requestPathRevalidation(`/newsletter/archive/${slug}`);
    },
    ...over,
  };
}
