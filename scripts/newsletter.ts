// npm run newsletter -- <command>
//   preview <slug>                         write newsletter-preview/<slug>.html and .txt
//   test <slug> --to you@example.com       send one copy (no campaign recorded)
//   send <slug> [--at <ISO time>] [--force --yes]
//                                          freeze the recipients and send (inline), or schedule for the worker
//   status [campaign-id]                   campaigns, or one campaign's counts
//   pause|resume|cancel <campaign-id>
//   log <campaign-id>                      the campaign log (starts, pauses, deliveries in doubt, failures)
import { mkdirSync, writeFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import { renderNewsletterIssue } from "../components/email/issue-email";
import { content } from "../lib/content";
import { db, disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { mailer } from "../lib/mail";
import { campaignCounts, campaignLog, commandCampaign, createCampaign, listCampaigns } from "../lib/newsletter/campaigns";
import { workerDeps } from "../lib/newsletter/runtime";
import { issueMessages, runWorker } from "../lib/newsletter/worker";

const [command, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const has = (name: string) => rest.includes(`--${name}`);
const positional = () => rest.find((a, i) => !a.startsWith("--") && !(i > 0 && ["--to", "--at"].includes(rest[i - 1])));

const USAGE = `usage: npm run newsletter -- preview <slug>
       npm run newsletter -- test <slug> --to you@example.com
       npm run newsletter -- send <slug> [--at 2026-12-03T08:00:00Z] [--force --yes]
       npm run newsletter -- status [campaign-id]
       npm run newsletter -- pause|resume|cancel|log <campaign-id>`;

function issueOrFail(slug: string | undefined) {
  if (!slug) throw new UsageError("give the issue's slug (its file name in content/newsletters without .mdx)");
  const rendered = renderNewsletterIssue(slug, env().PUBLIC_URL);
  if (!rendered) throw new UsageError(`no newsletter issue "${slug}" (known: ${content.newsletters().map((n) => n.slug).join(", ") || "none"})`);
  return rendered;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  switch (command) {
    case "preview": {
      const slug = positional();
      const issue = issueOrFail(slug);
      const msg = issueMessages(workerDeps(), { id: "preview", newsletterSlug: slug!, ...issue })({ deliveryId: "preview", subscriberId: "preview", email: "reader@example.com", firstName: "Alex" });
      mkdirSync("newsletter-preview", { recursive: true });
      writeFileSync(`newsletter-preview/${slug}.html`, String(msg.html));
      writeFileSync(`newsletter-preview/${slug}.txt`, String(msg.text));
      console.log(`wrote newsletter-preview/${slug}.html and .txt (subject: ${issue.subject})`);
      return 0;
    }
    case "test": {
      const slug = positional();
      const to = flag("to");
      if (!to?.includes("@")) throw new UsageError("test needs --to <address>");
      const issue = issueOrFail(slug);
      const msg = issueMessages(workerDeps(), { id: `test-${Date.now()}`, newsletterSlug: slug!, ...issue })({ deliveryId: "test", subscriberId: "test", email: to, firstName: null });
      await mailer().send({ ...msg, subject: `[TEST] ${msg.subject}` });
      console.log(`sent a test copy of "${issue.subject}" to ${to}; no campaign was recorded`);
      return 0;
    }
    case "send": {
      const slug = positional();
      const issue = issueOrFail(slug);
      const at = flag("at") ? new Date(flag("at")!) : new Date();
      if (Number.isNaN(at.getTime())) throw new UsageError(`--at "${flag("at")}" is not a date/time (use ISO 8601, e.g. 2026-12-03T08:00:00Z)`);
      if (has("force") && !has("yes")) throw new UsageError("--force sends an issue a second time to everyone; add --yes to confirm");
      try {
        await mailer().verify();
      } catch (e) {
        console.error(`the SMTP relay does not answer (${(e as Error).message}); nothing was queued`);
        return 1;
      }
      const r = await createCampaign(db(), { newsletterSlug: slug!, subject: issue.subject, html: issue.html, text: issue.text, sendAt: at }, { force: has("force") && has("yes") });
      if (r.kind === "already-sent") {
        console.error(`"${slug}" already has campaign ${r.campaignId} (${r.status}). Sending again mails everyone twice; if you really mean it, add --force --yes`);
        return 1;
      }
      if (r.kind === "no-recipients") {
        console.error("there are no confirmed, unpaused subscribers; nothing was queued");
        return 1;
      }
      console.log(`campaign ${r.campaignId}: ${r.recipients} recipients frozen`);
      if (at.getTime() > Date.now() + 1000) {
        console.log(`scheduled for ${at.toISOString()}; a running worker (npm run worker) sends it then`);
        return 0;
      }
      return sendWithProgress(r.campaignId);
    }
    case "status": {
      const id = positional();
      if (!id) {
        const rows = await listCampaigns(db());
        if (rows.length === 0) console.log("no campaigns");
        for (const c of rows) console.log(`${c.id}  ${c.status.padEnd(9)}  ${c.sendAt.toISOString().slice(0, 16)}  ${String(c.recipientCount).padStart(7)}  ${c.newsletterSlug}${c.pauseReason && c.status === "paused" ? `  (${c.pauseReason})` : ""}`);
        return 0;
      }
      const c = await campaignCounts(db(), id);
      console.log(`queued ${c.queued}  in flight ${c.inFlight}  sent ${c.sent}  failed ${c.failed}  in doubt (resent after a crash) ${c.inDoubt}  total ${c.total}`);
      return 0;
    }
    case "pause":
    case "resume":
    case "cancel": {
      const id = positional();
      if (!id) throw new UsageError(`${command} needs a campaign id (see: npm run newsletter -- status)`);
      // After a crash or Ctrl-C the campaign is still "sending": resuming means carrying on here.
      if (command === "resume" && (await db().campaign.findUnique({ where: { id }, select: { status: true } }))?.status === "sending") {
        console.log(`campaign ${id} is sending; continuing it here`);
        return sendWithProgress(id);
      }
      const r = await commandCampaign(db(), id, command);
      if (!r.ok) {
        console.error(r.message);
        return 1;
      }
      console.log(`campaign ${id} is now ${r.status}`);
      if (command === "resume" && r.status === "sending") return sendWithProgress(id);
      return 0;
    }
    case "log": {
      const id = positional();
      if (!id) throw new UsageError("log needs a campaign id");
      for (const e of await campaignLog(db(), id)) console.log(`${e.at.toISOString()}  ${e.kind.padEnd(9)}  ${e.detail}`);
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

/** Runs the worker inline on one campaign with a live progress bar (rate and ETA). */
async function sendWithProgress(campaignId: string): Promise<number> {
  const start = await campaignCounts(db(), campaignId);
  const bar = new SingleBar({ format: "sending [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | failed {failed}", etaBuffer: 200, hideCursor: true, noTTYOutput: !process.stdout.isTTY, notTTYSchedule: 5000 });
  const began = Date.now();
  bar.start(start.total, start.sent + start.failed, { rate: 0, failed: start.failed });
  const stop = new AbortController();
  process.once("SIGINT", () => {
    console.log(`\nstopping after the messages in flight; continue with \`npm run newsletter -- resume ${campaignId}\` or a running \`npm run worker\``);
    stop.abort();
  });
  await runWorker(
    workerDeps({
      onProgress: (p) => bar.update(start.sent + start.failed + p.sent + p.failed, { rate: Math.round(p.sent / Math.max(0.001, (Date.now() - began) / 1000)), failed: start.failed + p.failed }),
      log: (line) => console.log(`\n${line}`),
    }),
    { campaignId, once: true, signal: stop.signal },
  );
  bar.stop();
  const c = await campaignCounts(db(), campaignId);
  const status = (await db().campaign.findUnique({ where: { id: campaignId }, select: { status: true, pauseReason: true } }))!;
  console.log(`campaign ${campaignId} ${status.status}${status.pauseReason && status.status === "paused" ? ` (${status.pauseReason})` : ""}: sent ${c.sent}, failed ${c.failed}, queued ${c.queued}, in doubt ${c.inDoubt}`);
  if (status.status === "sending" && c.queued > 0) console.log(`${c.queued} deliveries wait for a retry after temporary SMTP errors; a running \`npm run worker\` finishes them`);
  return status.status === "done" ? 0 : 1;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    console.error(e instanceof UsageError ? `newsletter: ${e.message}\n${USAGE}` : `newsletter: ${(e as Error).message}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  })
  .finally(async () => {
    mailer().close();
    await disconnectDb();
  });
