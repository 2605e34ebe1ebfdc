// npm run stats -- <command>     (aggregate audience figures; no reader is ever named)
//   campaign <id>              clicks per link, click-through, bounces and complaints of one campaign
//   products [--since DAY]     clicks per product, per article, and per product in each article
import { campaignStats, productStats } from "../lib/audience/stats";
import { db, disconnectDb } from "../lib/db";
import { isMain, main, parseCommand, unknownCommand, UsageError, type Tool } from "./cli";

const USAGE = `usage: npm run stats -- campaign <campaign-id>
       npm run stats -- products [--since 2026-11-01]`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const statsTool: Tool = {
  name: "stats",
  usage: USAGE,
  async run(args, io) {
    const { values, command, target } = parseCommand(args, { since: { type: "string" } });
    switch (command) {
      case "campaign": {
        if (!target) throw new UsageError("campaign needs a campaign id (npm run newsletter -- status lists them)");
        const s = await campaignStats(db(), target);
        if (!s) {
          io.err(`stats: no campaign ${target}`);
          return 1;
        }
        io.out(`campaign ${s.campaignId}: ${s.subject}`);
        io.out(`delivered ${s.delivered}, clicks ${s.clicks}, click-through ${pct(s.clickThrough)} (counted clicks per delivered message)`);
        io.out(
          `hard bounces ${s.events["hard-bounce"]}, soft bounces ${s.events["soft-bounce"]}, complaints ${s.events.complaint}, unsubscribes by mail ${s.events.unsubscribe}`,
        );
        if (s.links.length === 0) io.out("no clicks counted");
        for (const l of s.links) io.out(`${String(l.clicks).padStart(7)}  ${l.url}`);
        return 0;
      }
      case "products": {
        if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since))
          throw new UsageError("--since must be a day, e.g. 2026-11-01");
        const s = await productStats(db(), values.since);
        io.out(`product clicks${values.since ? ` since ${values.since}` : ""}`);
        if (s.products.length === 0) io.out("no clicks counted");
        for (const p of s.products) io.out(`${String(p.clicks).padStart(7)}  ${p.product}`);
        if (s.articles.length) io.out("by article");
        for (const a of s.articles) io.out(`${String(a.clicks).padStart(7)}  ${a.article || "(not in an article)"}`);
        if (s.pairs.length) io.out("by product in article");
        for (const p of s.pairs) io.out(`${String(p.clicks).padStart(7)}  ${p.product} in ${p.article || "(not in an article)"}`);
        return 0;
      }
      default:
        throw unknownCommand(command);
    }
  },
  close: disconnectDb,
};

if (isMain(import.meta.url)) await main(statsTool);
