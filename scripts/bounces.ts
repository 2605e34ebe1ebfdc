// npm run bounces -- <command>     (what comes back after delivery; the rules live in lib/audience)
//   read < message.eml     apply one message from the bounce mailbox: a DSN (RFC 3464), a feedback
//                          report (RFC 5965) or a mailed unsubscribe request
//   fetch                  read the unseen messages of BOUNCE_IMAP_URL once (the worker does this on a timer)
import { text } from "node:stream/consumers";
import { applyInbound, describeLine } from "../lib/audience/inbound";
import { readBounceMailbox } from "../lib/audience/mailbox";
import { disconnectDb } from "../lib/db";
import { bounceMailboxSettings, inboundDeps } from "../wiring/audience";
import { isMain, main, parseCommand, unknownCommand, UsageError, type Tool } from "./cli";

const USAGE = `usage: npm run bounces -- read < message.eml
       npm run bounces -- fetch              (the unseen messages of BOUNCE_IMAP_URL, once)`;

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export const bouncesTool: Tool & { stdin?: () => Promise<Buffer> } = {
  name: "bounces",
  usage: USAGE,
  async run(args, io) {
    const { command } = parseCommand(args, {}, { target: false });
    switch (command) {
      case "read": {
        const raw = this.stdin ? await this.stdin() : Buffer.from(await text(process.stdin), "utf8");
        if (raw.length === 0) throw new UsageError("read needs a message on standard input");
        if (raw.length > MAX_MESSAGE_BYTES) {
          io.err(`bounces: the message is larger than ${MAX_MESSAGE_BYTES} bytes; not read`);
          return 1;
        }
        const lines = await applyInbound(inboundDeps(), raw);
        for (const l of lines) io.out(describeLine(l));
        return 0;
      }
      case "fetch": {
        const settings = bounceMailboxSettings();
        if (!settings) {
          io.err("bounces: BOUNCE_IMAP_URL is not set");
          return 1;
        }
        const n = await readBounceMailbox(inboundDeps(), settings, (l) => io.out(l));
        io.out(`read ${n} message(s)`);
        return 0;
      }
      default:
        throw unknownCommand(command);
    }
  },
  close: disconnectDb,
};

if (isMain(import.meta.url)) await main(bouncesTool);
