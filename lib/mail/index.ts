import { env } from "../env";
import { memoize } from "../memoize";
import { createMailer, type Mailer } from "./transport";

export type { Mailer, Message } from "./transport";

/** The process's mailer: pooled SMTP when SMTP_URL is set, else the local outbox. */
export const mailer: () => Mailer = memoize(() =>
  createMailer({ smtpUrl: env().SMTP_URL, poolSize: env().SMTP_POOL_SIZE, from: env().MAIL_FROM, outboxDir: env().OUTBOX_DIR }),
);
