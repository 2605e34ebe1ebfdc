// npm run subscribers -- <command>
//   counts                                 subscribers by state (pending, confirmed, paused, unsubscribed, bounced, …)
//   list [--status pending|confirmed] [--limit n]
//   export [--status pending|confirmed]    CSV on stdout: email, first_name, status, paused, confirmed_at, consent_*
//   import <file.csv> [--confirmed | --send-confirmations]
//   delete <email>                         remove and suppress (the person asked by email, say)
//   purge                                  drop pending signups whose link expired
// Operators' list management; the rules live in lib/newsletter.
import { readFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { db, disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { mailer } from "../lib/mail";
import { emailHash } from "../lib/newsletter/address";
import { importSubscribers } from "../lib/newsletter/import";
import { newsletterDeps } from "../lib/newsletter/runtime";
import { confirmationFor, purgeExpiredPending, subscriberCounts, suppressSubscriber } from "../lib/newsletter/subscriptions";

const [command, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const has = (name: string) => rest.includes(`--${name}`);

const USAGE = `usage: npm run subscribers -- counts
       npm run subscribers -- list [--status pending|confirmed] [--limit N]
       npm run subscribers -- export [--status pending|confirmed] > subscribers.csv
       npm run subscribers -- import <file.csv> [--confirmed | --send-confirmations]
       npm run subscribers -- delete <email>
       npm run subscribers -- purge`;

const statusFilter = () => {
  const s = flag("status");
  if (s !== undefined && s !== "pending" && s !== "confirmed") throw new Error(`--status must be pending or confirmed (unsubscribed, bounced and deleted addresses are kept only as hashes)`);
  return s ? { status: s } : {};
};

async function main(): Promise<number> {
  switch (command) {
    case "counts": {
      const c = await subscriberCounts(db());
      for (const [k, v] of Object.entries(c)) console.log(`${k.padEnd(13)} ${v}`);
      return 0;
    }
    case "list": {
      const rows = await db().subscriber.findMany({ where: statusFilter(), orderBy: { createdAt: "desc" }, take: Number(flag("limit") ?? 50) });
      if (rows.length === 0) console.log("no subscribers");
      for (const r of rows)
        console.log(`${r.id}  ${r.status.padEnd(9)}${r.paused ? " paused" : "       "}  ${r.createdAt.toISOString().slice(0, 16)}  ${r.email}${r.firstName ? `  (${r.firstName})` : ""}  via ${r.consentSource ?? "?"}`);
      return 0;
    }
    case "export": {
      const rows = await db().subscriber.findMany({ where: statusFilter(), orderBy: { createdAt: "asc" } });
      process.stdout.write(
        stringify(
          rows.map((r) => [r.email, r.firstName ?? "", r.status, r.paused ? "true" : "false", r.confirmedAt?.toISOString() ?? "", r.consentAt?.toISOString() ?? "", r.consentSource ?? "", r.consentTextVersion ?? ""]),
          { header: true, columns: ["email", "first_name", "status", "paused", "confirmed_at", "consent_at", "consent_source", "consent_text_version"] },
        ),
      );
      return 0;
    }
    case "import": {
      const file = rest.find((a) => !a.startsWith("--"));
      if (!file) return fail("import needs a CSV file");
      if (has("confirmed") && has("send-confirmations")) return fail("choose --confirmed (they opted in elsewhere) or --send-confirmations (ask them now), not both");
      let csv: string;
      try {
        csv = readFileSync(file, "utf8");
      } catch (e) {
        return fail(`cannot read ${file}: ${(e as Error).message}`);
      }
      const e = env();
      const report = await importSubscribers(db(), csv, {
        source: path.basename(file),
        asConfirmed: has("confirmed"),
        policy: { rejectDisposable: e.NEWSLETTER_REJECT_DISPOSABLE, rejectRole: e.NEWSLETTER_REJECT_ROLE },
      });
      for (const r of report.rejected) console.log(`line ${r.line}: rejected: ${r.reason}`);
      for (const s of report.skipped) console.log(`line ${s.line}: skipped: ${s.reason}`);
      const state = has("confirmed") ? "confirmed" : "pending";
      console.log(`imported ${report.imported.length} as ${state}, skipped ${report.skipped.length}, rejected ${report.rejected.length}`);
      if (has("send-confirmations")) {
        const deps = newsletterDeps();
        let sent = 0;
        for (const row of report.imported) {
          await deps.mailer.send(confirmationFor(deps, row, row.nonce!, new Date()));
          await db().subscriber.update({ where: { id: row.id }, data: { signupMailAt: new Date() } });
          sent++;
        }
        console.log(`sent ${sent} confirmation email(s)`);
      } else if (state === "pending" && report.imported.length > 0) {
        console.log("no email was sent: pending subscribers receive nothing until they confirm. Re-run with --send-confirmations to ask them.");
      }
      return report.rejected.length > 0 ? 2 : 0;
    }
    case "delete": {
      const email = rest[0];
      if (!email?.includes("@")) return fail("delete needs an email address");
      const existed = await suppressSubscriber(db(), { emailHash: emailHash(email) }, "deleted");
      console.log(existed ? "deleted; the address is suppressed" : "no subscriber with that address; it is now suppressed");
      return 0;
    }
    case "purge": {
      const n = await purgeExpiredPending(db(), env().NEWSLETTER_CONFIRM_HOURS);
      console.log(`purged ${n} expired pending signup(s)`);
      return 0;
    }
    default:
      return fail(command ? `unknown command "${command}"` : "no command given");
  }
}

function fail(message: string): number {
  console.error(`${message}\n${USAGE}`);
  return 1;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    console.error(`subscribers: ${(e as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    mailer().close();
    await disconnectDb();
  });
