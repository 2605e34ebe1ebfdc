// Wires the newsletter rules to this process's configuration. Route
// handlers and the command-line tools use these.
import { captchaCheckFor } from "../captcha/runtime";
import { db } from "../db";
import { env } from "../env";
import { mailer } from "../mail";
import { memoize } from "../memoize";
import { createRateLimiter } from "../security/rate-limit";
import { site } from "../site";
import type { NewsletterDeps } from "./subscriptions";

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
