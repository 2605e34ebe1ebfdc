// npm run worker [-- --once]
// The delivery worker: sends due campaigns, resumes after any crash, and
// does the periodic clean-up (expired signups, old tokens, rate counters).
// Run one per app instance, or several on PostgreSQL: they never send a
// delivery twice. SIGTERM/SIGINT stop it after the messages in flight.
import { db, disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { mailer } from "../lib/mail";
import { workerDeps } from "../lib/newsletter/runtime";
import { purgeExpiredPending } from "../lib/newsletter/subscriptions";
import { newWorkerId, runWorker } from "../lib/newsletter/worker";
import { purgeExpiredLimits } from "../lib/security/rate-limit";
import { purgeUsedTokens } from "../lib/security/used-tokens";

const once = process.argv.includes("--once");
const stop = new AbortController();
for (const sig of ["SIGTERM", "SIGINT"] as const) process.once(sig, () => stop.abort());

async function maintenance() {
  const pending = await purgeExpiredPending(db(), env().NEWSLETTER_CONFIRM_HOURS);
  const tokens = await purgeUsedTokens(db(), new Date(Date.now() - 7 * 86_400_000));
  const limits = await purgeExpiredLimits(db());
  if (pending + tokens + limits > 0) console.log(`maintenance: purged ${pending} expired signups, ${tokens} old tokens, ${limits} rate counters`);
}

async function main() {
  const id = newWorkerId();
  console.log(`worker ${id} started (SMTP pool ${env().SMTP_POOL_SIZE})`);
  await maintenance();
  const timer = setInterval(() => void maintenance().catch((e) => console.error(`maintenance: ${(e as Error).message}`)), 10 * 60_000);
  try {
    await runWorker(workerDeps({ workerId: id, log: (l) => console.log(l) }), { once, signal: stop.signal });
  } finally {
    clearInterval(timer);
  }
  console.log("worker stopped");
}

main()
  .catch((e) => {
    console.error(`worker: ${(e as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    mailer().close();
    await disconnectDb();
  });
