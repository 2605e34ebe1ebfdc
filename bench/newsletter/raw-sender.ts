// Baseline (a): raw nodemailer, the same pool settings, the same rendered
// message to N addresses, no database. Prints JSON.
import nodemailer from "nodemailer";

const [smtpUrl, n, pool, file] = process.argv.slice(2);
const { html, text, subject } = JSON.parse(await (await import("node:fs/promises")).readFile(file, "utf8"));
const total = Number(n);
const connections = Number(pool);
const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: connections } as never);
const start = performance.now();
let next = 0;
// One message in flight per pooled connection, like the worker's slots.
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (next < total) {
      const i = next++;
      await transport.sendMail({ from: "Back in Motion <news@bench.example>", to: `reader${i}@bench.example`, subject, html, text });
    }
  }),
);
const seconds = (performance.now() - start) / 1000;
transport.close();
console.log(JSON.stringify({ sent: total, seconds, rate: total / seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
