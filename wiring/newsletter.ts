// The newsletter rules bound to this process's configuration. Route
// handlers and the command-line tools take their dependencies from here.
import "server-only";
import { emailTemplates } from "@/components/email/templates";
import { content } from "@/lib/content";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { mailer } from "@/lib/mail";
import { addressOf, listIdFor } from "@/lib/mail/list-headers";
import { memoize } from "@/lib/memoize";
import type { NewsletterDeps } from "@/lib/newsletter/subscriptions";
import type { Topic } from "@/lib/newsletter/topics";
import type { WorkerDeps } from "@/lib/newsletter/worker";
import { requestPathRevalidation } from "@/lib/revalidate-remote";
import { signingKeys } from "@/lib/security/keys";
import { rateLimitKey } from "@/lib/security/client-address";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { site } from "@/lib/site";
import { captchaCheckFor } from "./captcha";

const ipLimiter = memoize(() =>
  createRateLimiter(db(), "newsletter-ip", { points: env().NEWSLETTER_RATE_PER_IP, durationSeconds: env().NEWSLETTER_RATE_WINDOW_SECONDS }),
);

/** The topics readers choose and campaigns target: the site's categories (decision 0044). */
export const siteTopics = (): Topic[] => content.categories().map((c) => ({ slug: c.slug, title: c.title }));

export function newsletterDeps(): NewsletterDeps {
  const e = env();
  return {
    db: db(),
    mailer: mailer(),
    keys: signingKeys(),
    publicUrl: e.PUBLIC_URL,
    mailFrom: e.MAIL_FROM,
    unsubscribeMailto: e.NEWSLETTER_UNSUBSCRIBE_MAILTO,
    siteName: site.name,
    newsletterName: site.newsletterName,
    listId: listIdFor(site.newsletterName, e.PUBLIC_URL),
    templates: emailTemplates,
    addressPolicy: { rejectDisposable: e.NEWSLETTER_REJECT_DISPOSABLE, rejectRole: e.NEWSLETTER_REJECT_ROLE },
    confirmHours: e.NEWSLETTER_CONFIRM_HOURS,
    topics: siteTopics(),
    verifyCaptcha: captchaCheckFor("subscribe"),
    // One count per IPv4 address or IPv6 /64 (lib/security/client-address.ts).
    limitByIp: (ip) => ipLimiter().consume(rateLimitKey(ip)),
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
    keys: signingKeys(),
    listId: listIdFor(site.newsletterName, e.PUBLIC_URL),
    unsubscribeMailto: e.NEWSLETTER_UNSUBSCRIBE_MAILTO ?? addressOf(e.MAIL_FROM),
    bounceMailbox: e.NEWSLETTER_BOUNCE_ADDRESS,
    countClicks: e.NEWSLETTER_CLICK_COUNTING,
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
