import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type Mail from "nodemailer/lib/mailer";

/**
 * Every email leaves through here. With an SMTP URL: a pooled nodemailer SMTP
 * transport (production, and tests against a local smtp-server). Without
 * one (local mode): a local outbox, one .eml file per message, that the
 * development mailbox page lists so a newcomer can click confirmation links.
 */
export type Message = Mail.Options;
export type SentMessage = { messageId: string; accepted: string[]; rejected: string[] };

export interface Mailer {
  send(message: Message): Promise<SentMessage>;
  /** Checks the relay answers (SMTP only); throws with the reason. */
  verify(): Promise<void>;
  close(): void;
}

export type MailerOptions = { smtpUrl?: string; poolSize?: number; from: string; outboxDir?: string; dkim?: Mail.Options["dkim"] };

export const DEFAULT_OUTBOX = "outbox";

export function createMailer(opts: MailerOptions): Mailer {
  if (opts.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport({
      url: opts.smtpUrl,
      pool: true,
      maxConnections: opts.poolSize ?? 5,
      ...(opts.dkim ? { dkim: opts.dkim } : {}),
    } as never);
    return {
      async send(message) {
        const info = await transport.sendMail({ from: opts.from, ...message });
        return { messageId: info.messageId, accepted: (info.accepted ?? []).map(String), rejected: (info.rejected ?? []).map(String) };
      },
      async verify() {
        await transport.verify();
      },
      close: () => transport.close(),
    };
  }
  const dir = opts.outboxDir ?? DEFAULT_OUTBOX;
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: opts.from, ...message });
      mkdirSync(dir, { recursive: true });
      const file = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`;
      writeFileSync(path.join(dir, file), info.message as Buffer);
      const to = [message.to].flat().filter(Boolean).map(String);
      return { messageId: info.messageId, accepted: to, rejected: [] };
    },
    async verify() {},
    close() {},
  };
}

/** The outbox's messages, newest first, as raw RFC 822 text (development mailbox page). */
export function readOutbox(dir = DEFAULT_OUTBOX): { file: string; raw: string }[] {
  // turbopackIgnore: a folder named at run time; without it the build traces the whole project.
  let files: string[] = [];
  try {
    files = readdirSync(/*turbopackIgnore: true*/ dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  return files
    .sort()
    .reverse()
    .map((file) => ({ file, raw: readFileSync(path.join(/*turbopackIgnore: true*/ dir, file), "utf8") }));
}
