import { ImapFlow } from "imapflow";
import { applyInbound, describeLine, type InboundDeps } from "./inbound";

/**
 * The bounce mailbox over IMAP (imapflow): every unseen message is read
 * and applied (inbound.ts), then flagged \Seen, so the next run starts
 * after it. A crash between applying and flagging reads the message again,
 * and its events are keyed, so nothing counts twice. Messages stay in the
 * mailbox for the operator; the worker calls this every
 * BOUNCE_IMAP_INTERVAL_SECONDS when BOUNCE_IMAP_URL is set.
 */
export type ImapSettings = { url: string; maxMessages?: number };

export function imapOptions(url: string) {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  return {
    options: {
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 993 : 143,
      secure,
      auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
      logger: false as const,
      // A local test server (dovecot on 127.0.0.1) offers no STARTTLS; production uses imaps://.
      doSTARTTLS: secure ? undefined : false,
    },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX",
  };
}

export async function readBounceMailbox(d: InboundDeps, s: ImapSettings, log: (line: string) => void = () => {}): Promise<number> {
  const { options, mailbox } = imapOptions(s.url);
  const client = new ImapFlow(options);
  // A dropped connection is reported by connect() or the next command; the event itself must not crash the worker.
  client.on("error", () => {});
  await client.connect();
  let applied = 0;
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      const found = await client.search({ seen: false }, { uid: true });
      const uids = (found || []).slice(0, s.maxMessages ?? 500);
      if (uids.length === 0) return 0;
      // Fetch first, then write: imapflow takes no other command while a fetch is streaming.
      const messages: { uid: number; source: Buffer }[] = [];
      for await (const m of client.fetch(uids, { uid: true, source: true }, { uid: true })) {
        if (m.source) messages.push({ uid: m.uid, source: m.source });
      }
      for (const m of messages) {
        try {
          for (const line of await applyInbound(d, m.source)) log(`bounce mailbox: ${describeLine(line)}`);
        } catch (e) {
          // A message we cannot read stays unseen for the operator, and the rest go on.
          log(`bounce mailbox: message ${m.uid} could not be applied: ${(e as Error).message}`);
          continue;
        }
        await client.messageFlagsAdd([m.uid], ["\\Seen"], { uid: true });
        applied++;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return applied;
}
