// (b): our full campaign send in its own process, as `npm run newsletter --
// send` does it: freeze the recipients (one delivery row each), then the
// worker sends with group commits. Prints JSON with timings and peak RSS.
import { readFile } from "node:fs/promises";
import { db, disconnectDb } from "../../lib/db";
import { mailer } from "../../lib/mail";
import { createCampaign } from "../../lib/newsletter/campaigns";
import { workerDeps } from "../../wiring/newsletter";
import { runWorker } from "../../lib/newsletter/worker";

const issue = JSON.parse(await readFile(process.argv[2], "utf8"));
const t0 = performance.now();
const r = await createCampaign(
  db(),
  { newsletterSlug: `bench-${Date.now()}`, subject: issue.subject, html: issue.html, text: issue.text, sendAt: new Date() },
  { resend: true },
);
if (r.kind !== "created") throw new Error(r.kind);
const t1 = performance.now();
let sent = 0;
await runWorker(workerDeps({ onProgress: (p) => (sent = p.sent), onCampaignStarted: undefined }), { once: true, campaignId: r.campaignId });
const t2 = performance.now();
mailer().close();
await disconnectDb();
const freezeSeconds = (t1 - t0) / 1000;
const sendSeconds = (t2 - t1) / 1000;
console.log(
  JSON.stringify({
    sent,
    recipients: r.recipients,
    freezeSeconds,
    sendSeconds,
    rate: sent / sendSeconds,
    rateWithFreeze: sent / (freezeSeconds + sendSeconds),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
