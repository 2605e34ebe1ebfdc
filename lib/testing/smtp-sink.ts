// Test support: a real SMTP server (the smtp-server package) on 127.0.0.1
// that keeps every message it receives, parsed with mailparser.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";

export type SmtpSink = {
  url: string;
  messages: ParsedMail[];
  /** The envelope sender (MAIL FROM) of each message, in the same order. */
  envelopeFrom: string[];
  close(): Promise<void>;
  waitFor(n: number, ms?: number): Promise<ParsedMail[]>;
};

export async function startSmtpSink(opts: { reject?: (to: string) => number | undefined } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const envelopeFrom: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Pooled test mailers keep idle connections open; do not wait 30 s for them on close.
    closeTimeout: 200,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      const code = opts.reject?.(address.address);
      if (code) return cb(Object.assign(new Error(`rejected with ${code}`), { responseCode: code }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((m) => {
          envelopeFrom.push(session.envelope.mailFrom ? session.envelope.mailFrom.address : "");
          messages.push(m);
          cb();
        })
        .catch(cb);
    },
  });
  // A client killed mid-session (the crash test) resets its socket; that is expected here.
  server.on("error", () => {});
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    envelopeFrom,
    close: () => new Promise((r) => server.close(() => r())),
    async waitFor(n, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (messages.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      if (messages.length < n) throw new Error(`expected ${n} messages, got ${messages.length}`);
      return messages;
    },
  };
}

/** An SMTP sink for the enclosing describe block, started before its tests and closed after; filled in by beforeAll. */
export function suiteSmtpSink(opts: Parameters<typeof startSmtpSink>[0] = {}): SmtpSink {
  const sink = {} as SmtpSink;
  beforeAll(async () => void Object.assign(sink, await startSmtpSink(opts)));
  afterAll(async () => sink.close?.());
  return sink;
}

/** The first To address of a received message. */
export const recipientOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address!;

/** A header's raw value as sent (mailparser folds List-* headers into objects). */
export function rawHeader(m: ParsedMail, name: string): string | undefined {
  const line = m.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(":") + 1)
    .replace(/\r?\n\s+/g, " ")
    .trim();
}
