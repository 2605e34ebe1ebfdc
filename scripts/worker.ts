// npm run worker [-- --once]
// The delivery worker: sends due campaigns, resumes after any crash, and
// does the periodic clean-up (expired signups, old tokens, rate counters,
// ended newsroom sessions and old sign-in links).
// Run one per app instance, or several on PostgreSQL: they never send a
// delivery twice. SIGTERM/SIGINT stop it after the messages in flight and
// give back every other delivery at once (another worker resumes without
// waiting for the lease to run out).
import { readBounceMailbox } from "../lib/audience/mailbox";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { purgeExpiredPending } from "../lib/newsletter/subscriptions";
import { releaseHolder } from "../lib/newsletter/leases";
import { newWorkerId, runWorker } from "../lib/newsletter/worker";
import { purgeExpiredSessions } from "../lib/newsroom/sessions";
import { purgeExpiredLimits } from "../lib/security/rate-limit";
import { purgeUsedTokens } from "../lib/security/used-tokens";
import { bounceMailboxSettings, inboundDeps } from "../wiring/audience";
import { workerDeps } from "../wiring/newsletter";
import { installConsole } from "../lib/log";
import { log } from "../lib/log/app";
import { closeMailAndDb, isMain, main, parse, UsageError, type Io, type Tool } from "./cli";

async function maintenance(io: Io) {
  const pending = await purgeExpiredPending(db(), env().NEWSLETTER_CONFIRM_HOURS);
  const tokens = await purgeUsedTokens(db(), new Date(Date.now() - 7 * 86_400_000));
  const limits = await purgeExpiredLimits(db());
  const e = env();
  const sessions = await purgeExpiredSessions(db(), {
    idleMs: e.NEWSROOM_SESSION_IDLE_HOURS * 3_600_000,
    absoluteMs: e.NEWSROOM_SESSION_MAX_DAYS * 86_400_000,
  });
  if (pending + tokens + limits + sessions > 0)
    io.out(
      `maintenance: purged ${pending} expired signups, ${tokens} old tokens, ${limits} rate counters, ${sessions} newsroom sessions and sign-in links`,
    );
}

export const workerTool: Tool = {
  name: "worker",
  usage: "usage: npm run worker [-- --once]   (--once: exit when nothing is left to send)",
  async run(args, io) {
    const { values, positionals } = parse(args, { once: { type: "boolean" } });
    if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    const stop = new AbortController();
    const id = newWorkerId();
    for (const sig of ["SIGTERM", "SIGINT"] as const)
      process.once(sig, () => {
        io.out(`${sig}: finishing the messages in flight and giving back every other delivery`);
        stop.abort();
        // A relay that never answers must not keep a deploy waiting: after the
        // timeout what is still in flight goes back marked in doubt, and the
        // process exits.
        setTimeout(() => {
          io.err(`shutdown timeout (${env().SHUTDOWN_TIMEOUT_SECONDS} s): releasing what is still in flight, in doubt`);
          void releaseHolder(db(), id, (l) => io.out(l))
            .catch(() => {})
            .finally(() => process.exit(0));
        }, env().SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
      });
    io.out(`worker ${id} started (SMTP pool ${env().SMTP_POOL_SIZE})`);
    await maintenance(io);
    const timer = setInterval(() => void maintenance(io).catch((e) => io.err(`maintenance: ${(e as Error).message}`)), 10 * 60_000);
    // The bounce mailbox (BOUNCE_IMAP_URL): bounces, complaints and mailed unsubscribes, on a timer.
    const mailbox = bounceMailboxSettings();
    let reading = false;
    const readMailbox = async () => {
      if (!mailbox || reading) return;
      reading = true;
      try {
        await readBounceMailbox(inboundDeps(), mailbox, (l) => io.out(l));
      } catch (e) {
        io.err(`bounce mailbox: ${(e as Error).message}`);
      } finally {
        reading = false;
      }
    };
    void readMailbox();
    const mailboxTimer = mailbox ? setInterval(() => void readMailbox(), mailbox.intervalSeconds * 1000) : undefined;
    try {
      await runWorker(workerDeps({ workerId: id, log: (l) => io.out(l) }), { once: values.once, signal: stop.signal });
    } finally {
      clearInterval(timer);
      clearInterval(mailboxTimer);
    }
    io.out("worker stopped");
    return 0;
  },
  close: closeMailAndDb,
};

if (isMain(import.meta.url)) {
  // Structured, masked log records like the server's (lib/log; LOG_LEVEL, LOG_FORMAT).
  installConsole(log().child({ component: "worker" }));
  await main(workerTool);
}
