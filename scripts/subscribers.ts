// npm run subscribers -- <command>     (operators' list management; the rules live in lib/newsletter)
//   counts | list | export | import <file.csv> | delete <email> | purge   (--help for the flags)
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { emailHash } from "../lib/newsletter/address";
import { importSubscribers } from "../lib/newsletter/import";
import { exportSubscribersCsv, importReportLines } from "../lib/newsroom/subscribers";
import { ALL_TOPICS } from "../lib/newsletter/topics";
import { confirmationFor, purgeExpiredPending, subscriberCounts, suppressSubscriber } from "../lib/newsletter/subscriptions";
import { newsletterDeps } from "../wiring/newsletter";
import { choiceFlag, closeMailAndDb, intFlag, isMain, main, parseCommand, unknownCommand, UsageError, type Tool } from "./cli";

const USAGE = `usage: npm run subscribers -- counts
       npm run subscribers -- list [--status pending|confirmed] [--limit N]
       npm run subscribers -- export [--status pending|confirmed] > subscribers.csv
       npm run subscribers -- import <file.csv> [--confirmed | --send-confirmations]
       npm run subscribers -- delete <email>
       npm run subscribers -- purge`;

export const subscribersTool: Tool = {
  name: "subscribers",
  usage: USAGE,
  async run(args, io) {
    const { values, command, target } = parseCommand(args, {
      status: { type: "string" },
      limit: { type: "string" },
      confirmed: { type: "boolean" },
      "send-confirmations": { type: "boolean" },
    });
    const statusFilter = () => {
      const status = choiceFlag(values.status, "status", ["pending", "confirmed"] as const);
      return status ? { status } : {};
    };
    switch (command) {
      case "counts": {
        const c = await subscriberCounts(db());
        for (const [k, v] of Object.entries(c)) io.out(`${k.padEnd(13)} ${v}`);
        return 0;
      }
      case "list": {
        const rows = await db().subscriber.findMany({
          where: statusFilter(),
          orderBy: { createdAt: "desc" },
          take: intFlag(values.limit, "limit", { min: 1, max: 100_000, default: 50 }),
        });
        if (rows.length === 0) io.out("no subscribers");
        for (const r of rows)
          io.out(
            `${r.id}  ${r.status.padEnd(9)}${r.paused ? " paused" : "       "}  ${r.createdAt.toISOString().slice(0, 16)}  ${r.email}${r.firstName ? `  (${r.firstName})` : ""}  via ${r.consentSource ?? "?"}`,
          );
        return 0;
      }
      case "export": {
        // The console's export too (lib/newsroom/subscribers.ts): batches, spreadsheet-safe cells.
        for await (const chunk of exportSubscribersCsv(db(), statusFilter())) io.write(chunk);
        return 0;
      }
      case "import": {
        const file = target;
        if (!file) throw new UsageError("import needs a CSV file");
        if (values.confirmed && values["send-confirmations"])
          throw new UsageError("choose --confirmed (they opted in elsewhere) or --send-confirmations (ask them now), not both");
        let csv: string;
        try {
          csv = readFileSync(file, "utf8");
        } catch (e) {
          io.err(`subscribers: cannot read ${file}: ${(e as Error).message}`);
          return 1;
        }
        const e = env();
        const report = await importSubscribers(db(), csv, {
          source: path.basename(file),
          asConfirmed: values.confirmed === true,
          policy: { rejectDisposable: e.NEWSLETTER_REJECT_DISPOSABLE, rejectRole: e.NEWSLETTER_REJECT_ROLE },
        });
        const state = values.confirmed === true ? "confirmed" : "pending";
        for (const line of importReportLines(report, state)) io.out(line);
        if (values["send-confirmations"]) {
          const deps = newsletterDeps();
          let sent = 0;
          for (const row of report.imported) {
            await deps.mailer.send(await confirmationFor(deps, row, row.nonce!, new Date(), ALL_TOPICS));
            await db().subscriber.update({ where: { id: row.id }, data: { signupMailAt: new Date() } });
            sent++;
          }
          io.out(`sent ${sent} confirmation email(s)`);
        } else if (state === "pending" && report.imported.length > 0) {
          io.out(
            "no email was sent: pending subscribers receive nothing until they confirm. Re-run with --send-confirmations to ask them.",
          );
        }
        return report.rejected.length > 0 ? 2 : 0;
      }
      case "delete": {
        const email = target;
        if (!email?.includes("@")) throw new UsageError("delete needs an email address");
        const existed = await suppressSubscriber(db(), { emailHash: emailHash(email) }, "deleted");
        io.out(existed ? "deleted; the address is suppressed" : "no subscriber with that address; it is now suppressed");
        return 0;
      }
      case "purge": {
        const n = await purgeExpiredPending(db(), env().NEWSLETTER_CONFIRM_HOURS);
        io.out(`purged ${n} expired pending signup(s)`);
        return 0;
      }
      default:
        throw unknownCommand(command);
    }
  },
  close: closeMailAndDb,
};

if (isMain(import.meta.url)) await main(subscribersTool);
