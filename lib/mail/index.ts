import "server-only";
import { readFileSync } from "node:fs";
import { env } from "../env";
import { memoize } from "../memoize";
import { createMailer, type Mailer, type MailerOptions } from "./transport";

export type { Mailer, Message } from "./transport";

/** DKIM signing settings from the environment (nodemailer signs each message), or undefined. */
export function dkimFromEnv(): MailerOptions["dkim"] {
  const e = env();
  if (!e.DKIM_DOMAIN || !e.DKIM_SELECTOR) return undefined;
  const privateKey = e.DKIM_PRIVATE_KEY?.replace(/\\n/g, "\n") ?? readFileSync(e.DKIM_PRIVATE_KEY_FILE!, "utf8");
  return { domainName: e.DKIM_DOMAIN, keySelector: e.DKIM_SELECTOR, privateKey };
}

/** The process's mailer: pooled SMTP when SMTP_URL is set, else the local outbox. */
export const mailer: () => Mailer = memoize(() =>
  createMailer({
    smtpUrl: env().SMTP_URL,
    poolSize: env().SMTP_POOL_SIZE,
    from: env().MAIL_FROM,
    outboxDir: env().OUTBOX_DIR,
    dkim: dkimFromEnv(),
  }),
);
