// npm run newsletter -- <command>     (editors' sending from the command line)
//   preview <slug>                         write newsletter-preview/<slug>.html and .txt
//   test <slug> --to you@example.com       send one copy (no campaign recorded)
//   count <slug> [--topics a,b]            how many people a send now would reach (the same rule the send uses)
//   send <slug> [--at <ISO time>] [--topics a,b] [--resend --yes]
//                                          freeze the recipients and send (inline), or schedule for the worker;
//                                          --topics (category slugs, or "all") overrides the issue's `topics:`
//   status [campaign-id]                   campaigns, or one campaign's counts
//   pause|resume|cancel <campaign-id>
//   log <campaign-id>                      the campaign log (starts, pauses, deliveries in doubt, failures)
import { mkdirSync, writeFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import { renderNewsletterIssue } from "../components/email/issue";
import { content } from "../lib/content";
import { generatedContent } from "../lib/content/generated";
import { notLiveBy } from "../lib/content/schedule";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { mailer } from "../lib/mail";
import { campaignCounts, campaignLog, commandCampaign, countRecipients, createCampaign } from "../lib/newsletter/campaigns";
import { campaignTopics } from "../lib/newsletter/topics";
import { runWorker } from "../lib/newsletter/worker";
import { campaignPage, sampleMessage, sendTestCopy } from "../lib/newsroom/newsletters";
import { siteTopics, workerDeps } from "../wiring/newsletter";
import { closeMailAndDb, isMain, main, parseCommand, unknownCommand, UsageError, type Io, type Tool } from "./cli";

const USAGE = `usage: npm run newsletter -- preview <slug>
       npm run newsletter -- test <slug> --to you@example.com
       npm run newsletter -- count <slug> [--topics back-pain,neck-pain]
       npm run newsletter -- send <slug> [--at 2026-12-03T08:00:00Z] [--topics back-pain,neck-pain|all] [--resend --yes]
       npm run newsletter -- status [campaign-id]
       npm run newsletter -- pause|resume|cancel|log <campaign-id>`;

async function issueOrFail(slug: string | undefined) {
  if (!slug) throw new UsageError("give the issue's slug (its file name in content/newsletters without .mdx)");
  const issue = content.newsletterBySlug(slug);
  if (!issue)
    throw new UsageError(
      `no newsletter issue "${slug}" (known: ${
        content
          .newsletters()
          .map((n) => n.slug)
          .join(", ") || "none"
      })`,
    );
  return { slug, ...(await renderNewsletterIssue(issue, env().PUBLIC_URL)) };
}

export const newsletterTool: Tool = {
  name: "newsletter",
  usage: USAGE,
  async run(args, io) {
    const { values, command, target } = parseCommand(args, {
      to: { type: "string" },
      at: { type: "string" },
      resend: { type: "boolean" },
      // The name of --resend before 2026-11; scripts written then keep working.
      force: { type: "boolean" },
      yes: { type: "boolean" },
      topics: { type: "string" },
    });
    switch (command) {
      case "preview": {
        const issue = await issueOrFail(target);
        const msg = sampleMessage(workerDeps(), issue, "preview", "reader@example.com", "Alex");
        mkdirSync("newsletter-preview", { recursive: true });
        writeFileSync(`newsletter-preview/${issue.slug}.html`, String(msg.html));
        writeFileSync(`newsletter-preview/${issue.slug}.txt`, String(msg.text));
        io.out(`wrote newsletter-preview/${issue.slug}.html and .txt (subject: ${issue.subject})`);
        return 0;
      }
      case "test": {
        const to = values.to;
        if (!to?.includes("@")) throw new UsageError("test needs --to <address>");
        const issue = await issueOrFail(target);
        await sendTestCopy({ ...workerDeps(), mailer: mailer() }, issue, to);
        io.out(`sent a test copy of "${issue.subject}" to ${to}; no campaign was recorded`);
        return 0;
      }
      case "count": {
        const issue = await issueOrFail(target);
        const topics = topicsFor(issue.slug, values.topics);
        const n = await countRecipients(db(), topics);
        io.out(`${n} ${n === 1 ? "person" : "people"} would receive "${issue.slug}" now (${topicsLabel(topics)})`);
        return 0;
      }
      case "send":
        return send(io, target, { ...values, resend: values.resend || values.force });
      case "status": {
        if (!target) {
          const { rows } = await campaignPage(db());
          if (rows.length === 0) io.out("no campaigns");
          for (const c of rows)
            io.out(
              `${c.id}  ${c.status.padEnd(9)}  ${c.sendAt.toISOString().slice(0, 16)}  ${String(c.recipientCount).padStart(7)}  ${c.newsletterSlug}${c.pauseReason && c.status === "paused" ? `  (${c.pauseReason})` : ""}`,
            );
          return 0;
        }
        const c = await campaignCounts(db(), target);
        io.out(
          `queued ${c.queued}  in flight ${c.inFlight}  sent ${c.sent}  failed ${c.failed}  in doubt (resent after a crash) ${c.inDoubt}  total ${c.total}`,
        );
        return 0;
      }
      case "pause":
      case "resume":
      case "cancel": {
        if (!target) throw new UsageError(`${command} needs a campaign id (see: npm run newsletter -- status)`);
        if (command === "resume") {
          const c = await db().campaign.findUnique({ where: { id: target }, select: { status: true, sendAt: true } });
          // After a crash or Ctrl-C the campaign is still "sending", or still
          // "scheduled" when the sender stopped right after freezing the list:
          // resuming means carrying on here.
          if (c?.status === "sending" || (c?.status === "scheduled" && c.sendAt.getTime() <= Date.now())) {
            io.out(`campaign ${target} is ${c.status}; continuing it here`);
            return sendWithProgress(io, target);
          }
          if (c?.status === "scheduled") {
            io.out(`campaign ${target} is scheduled for ${c.sendAt.toISOString()}; a running worker (npm run worker) sends it then`);
            return 0;
          }
        }
        const r = await commandCampaign(db(), target, command);
        if (!r.ok) {
          io.err(`newsletter: ${r.message}`);
          return 1;
        }
        io.out(`campaign ${target} is now ${r.status}`);
        if (command === "resume" && r.status === "sending") return sendWithProgress(io, target);
        return 0;
      }
      case "log": {
        if (!target) throw new UsageError("log needs a campaign id");
        for (const e of await campaignLog(db(), target)) io.out(`${e.at.toISOString()}  ${e.kind.padEnd(9)}  ${e.detail}`);
        return 0;
      }
      default:
        throw unknownCommand(command);
    }
  },
  close: closeMailAndDb,
};

/**
 * The topics a send targets (decision 0044): --topics when given ("all" or
 * an empty value: everyone), else the issue's frontmatter `topics:`; every
 * one must be a category.
 */
function topicsFor(slug: string, flag: string | undefined): string[] {
  const raw = flag === undefined ? [...(content.newsletterBySlug(slug)?.topics ?? [])] : flag.trim() === "all" ? [] : flag.split(",");
  const r = campaignTopics(raw, siteTopics());
  if (!r.ok) throw new UsageError(`--topics: ${r.message}`);
  return r.topics;
}
const topicsLabel = (topics: string[]) =>
  topics.length ? `topics: ${topics.join(", ")}, and readers of every topic` : "every subscriber, whatever their topics";

async function send(
  io: Io,
  slug: string | undefined,
  values: { at?: string; resend?: boolean; yes?: boolean; topics?: string },
): Promise<number> {
  const issue = await issueOrFail(slug);
  const topics = topicsFor(issue.slug, values.topics);
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at "${values.at}" is not a date/time (use ISO 8601, e.g. 2026-12-03T08:00:00Z)`);
  if (values.resend && !values.yes) throw new UsageError("--resend sends the issue a second time to everyone; add --yes to confirm");
  // An issue may not link readers to an article before it is live (decision 0018).
  const early = notLiveBy(generatedContent().articles, content.newsletterBySlug(issue.slug)?.articles ?? [], at);
  if (early.length > 0) {
    for (const a of early)
      io.err(
        a.why === "scheduled"
          ? `newsletter: "${issue.slug}" features "${a.slug}", which goes live at ${a.goesLive?.toISOString()}; send it from then (--at ${a.goesLive?.toISOString()})`
          : `newsletter: "${issue.slug}" features "${a.slug}", which is ${a.why === "draft" ? "a draft" : "not an article"}; nothing was queued`,
      );
    return 1;
  }
  try {
    await mailer().verify();
  } catch (e) {
    io.err(`newsletter: the SMTP relay does not answer (${(e as Error).message}); nothing was queued`);
    return 1;
  }
  const r = await createCampaign(
    db(),
    { newsletterSlug: issue.slug, subject: issue.subject, html: issue.html, text: issue.text, sendAt: at, topics },
    { resend: values.resend === true },
  );
  if (r.kind === "already-sent") {
    const due = r.status === "scheduled" && r.sendAt.getTime() <= Date.now();
    io.err(
      r.status === "sending" || due
        ? `newsletter: "${issue.slug}" already has campaign ${r.campaignId} (${r.status}), which has not finished: continue it with \`npm run newsletter -- resume ${r.campaignId}\` (a running worker also does)`
        : `newsletter: "${issue.slug}" already has campaign ${r.campaignId} (${r.status}). Sending again mails everyone twice; if you really mean it, add --resend --yes`,
    );
    return 1;
  }
  if (r.kind === "no-recipients") {
    io.err(`newsletter: there are no confirmed, unpaused subscribers for ${topicsLabel(topics)}; nothing was queued`);
    return 1;
  }
  io.out(`campaign ${r.campaignId}: ${r.recipients} recipients frozen (${topicsLabel(topics)})`);
  if (at.getTime() > Date.now() + 1000) {
    io.out(`scheduled for ${at.toISOString()}; a running worker (npm run worker) sends it then`);
    return 0;
  }
  return sendWithProgress(io, r.campaignId);
}

/** Runs the worker inline on one campaign with a live progress bar (rate and ETA). */
async function sendWithProgress(io: Io, campaignId: string): Promise<number> {
  const start = await campaignCounts(db(), campaignId);
  const tty = process.stdout.isTTY === true;
  const bar = new SingleBar({
    format: "sending [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | failed {failed}",
    etaBuffer: 200,
    hideCursor: true,
    noTTYOutput: !tty,
    notTTYSchedule: 5000,
  });
  const began = Date.now();
  bar.start(start.total, start.sent + start.failed, { rate: 0, failed: start.failed });
  const stop = new AbortController();
  const onInterrupt = () => {
    io.out(
      `\nstopping after the messages in flight; continue with \`npm run newsletter -- resume ${campaignId}\` or a running \`npm run worker\``,
    );
    stop.abort();
  };
  process.once("SIGINT", onInterrupt);
  try {
    await runWorker(
      workerDeps({
        onProgress: (p) =>
          bar.update(start.sent + start.failed + p.sent + p.failed, {
            rate: Math.round(p.sent / Math.max(0.001, (Date.now() - began) / 1000)),
            failed: start.failed + p.failed,
          }),
        log: (line) => io.out(`\n${line}`),
      }),
      { campaignId, once: true, signal: stop.signal },
    );
  } finally {
    process.off("SIGINT", onInterrupt);
    bar.stop();
  }
  const c = await campaignCounts(db(), campaignId);
  const status = (await db().campaign.findUnique({ where: { id: campaignId }, select: { status: true, pauseReason: true } }))!;
  io.out(
    `campaign ${campaignId} ${status.status}${status.pauseReason && status.status === "paused" ? ` (${status.pauseReason})` : ""}: sent ${c.sent}, failed ${c.failed}, queued ${c.queued}, in doubt ${c.inDoubt}`,
  );
  if (status.status === "sending" && c.queued > 0)
    io.out(`${c.queued} deliveries wait for a retry after temporary SMTP errors; a running \`npm run worker\` finishes them`);
  return status.status === "done" ? 0 : 1;
}

if (isMain(import.meta.url)) await main(newsletterTool);
