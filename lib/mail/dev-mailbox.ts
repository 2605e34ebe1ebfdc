import { readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import type { Env } from "../env";
import { readOutbox } from "./transport";

/**
 * The development mailbox: the local outbox (one .eml per message) read
 * back for the /dev/mailbox page, so a newcomer can click a confirmation
 * link without any mail server. Only in local mode with no SMTP relay.
 */
export function devMailboxEnabled(e: Env): boolean {
  return e.APP_MODE === "local" && !e.SMTP_URL;
}

export type MailboxEntry = { file: string; subject: string; to: string; date: string };

export async function listDevMailbox(dir: string, limit = 100): Promise<MailboxEntry[]> {
  const out: MailboxEntry[] = [];
  for (const { file, raw } of readOutbox(dir).slice(0, limit)) {
    const m = await simpleParser(raw);
    out.push({ file, subject: m.subject ?? "(no subject)", to: addressText(m.to), date: (m.date ?? new Date(0)).toISOString() });
  }
  return out;
}

export type MailboxMessage = MailboxEntry & { from: string; html?: string; text: string; headers: [string, string][]; links: string[] };

export async function readDevMessage(dir: string, file: string): Promise<MailboxMessage | undefined> {
  if (!/^[\w.-]+\.eml$/.test(file)) return undefined;
  let raw: string;
  try {
    raw = readFileSync(path.join(dir, file), "utf8");
  } catch {
    return undefined;
  }
  const m = await simpleParser(raw);
  const text = m.text ?? "";
  const headers: [string, string][] = [];
  for (const line of m.headerLines) {
    if (/^(list-|message-id|date|from|to|subject)/i.test(line.key)) headers.push([line.key, line.line.slice(line.key.length + 1).trim()]);
  }
  return {
    file,
    subject: m.subject ?? "(no subject)",
    to: addressText(m.to),
    from: addressText(m.from),
    date: (m.date ?? new Date(0)).toISOString(),
    html: typeof m.html === "string" ? m.html : undefined,
    text,
    headers,
    links: [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])],
  };
}

function addressText(a: unknown): string {
  if (!a) return "";
  return [a]
    .flat()
    .map((x) => (x as { text: string }).text)
    .join(", ");
}
