// The after-delivery rules (lib/audience) bound to this process's
// configuration: the bounce policy, the keys that check VERP addresses and
// unsubscribe tokens, and the bounce mailbox.
import "server-only";
import type { InboundDeps } from "@/lib/audience/inbound";
import type { WebhookDeps } from "@/lib/audience/webhooks";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { signingKeys } from "@/lib/security/keys";

export function bouncePolicy() {
  const e = env();
  return { softLimit: e.NEWSLETTER_SOFT_BOUNCE_LIMIT, softWindowDays: e.NEWSLETTER_SOFT_BOUNCE_WINDOW_DAYS };
}

export function inboundDeps(): InboundDeps {
  return { db: db(), keys: signingKeys(), policy: bouncePolicy() };
}

/** The bounce mailbox the worker reads, when configured. */
export function bounceMailboxSettings() {
  const e = env();
  return e.BOUNCE_IMAP_URL ? { url: e.BOUNCE_IMAP_URL, intervalSeconds: e.BOUNCE_IMAP_INTERVAL_SECONDS } : undefined;
}

/** The relays' webhooks as configured; a relay without its secret has no endpoint (404). */
export function webhookDeps(): WebhookDeps {
  const e = env();
  return {
    db: db(),
    policy: bouncePolicy(),
    settings: {
      ses: e.WEBHOOK_SES_ENABLED
        ? { certUrlPattern: new RegExp(e.WEBHOOK_SES_CERT_URL_PATTERN), topicArns: e.WEBHOOK_SES_TOPIC_ARNS }
        : undefined,
      postmark: e.WEBHOOK_POSTMARK_BASIC_AUTH ? { basicAuth: e.WEBHOOK_POSTMARK_BASIC_AUTH } : undefined,
      mailgun: e.WEBHOOK_MAILGUN_SIGNING_KEY ? { signingKey: e.WEBHOOK_MAILGUN_SIGNING_KEY } : undefined,
      sendgrid: e.WEBHOOK_SENDGRID_PUBLIC_KEY ? { publicKey: e.WEBHOOK_SENDGRID_PUBLIC_KEY.replace(/\s/g, "") } : undefined,
      resend: e.WEBHOOK_RESEND_SECRET ? { secret: e.WEBHOOK_RESEND_SECRET } : undefined,
      maxAgeSeconds: e.WEBHOOK_MAX_AGE_SECONDS,
    },
    fetchText: async (url) => {
      // Only ever URLs that matched the allowed pattern; no redirects followed, 5 s at most.
      const r = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(5_000) });
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return (await r.text()).slice(0, 64 * 1024);
    },
  };
}
