// npm run bench:newsletter [-- --subscribers 100000 --pool 5 --postgres]
// Seeds N confirmed subscribers, starts an SMTP relay in its own process on
// 127.0.0.1, and in the same run measures
//   (a) raw nodemailer, same pool, same rendered message, no database
//   (b) our full campaign send (freeze + worker) on SQLite, and PostgreSQL
// Reports messages/s, the ratio (b)/(a), and the sender's peak RSS.
import { fork, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrations";
import { emailHash } from "../lib/newsletter/address";
import { sampleIssue } from "../lib/testing/sample-issue";
import { fmt } from "./lib";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg("subscribers", "100000"));
const POOL = Number(arg("pool", "5"));
const withPostgres = !process.argv.includes("--no-postgres");
const PG = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test?schema=bench_newsletter";

mkdirSync("bench/results", { recursive: true });
const issueFile = "bench/results/newsletter-issue.json";
const body =
  `<p style="margin:0 0 16px">${"Short days make it tempting to stay in the chair. This issue is about getting out of it, a little, often. ".repeat(12)}</p>`.repeat(
    4,
  );
// The same size and shape as a real issue; the sender does not care how it was rendered.
writeFileSync(issueFile, JSON.stringify(sampleIssue("Winter walking: the cheapest back treatment there is", body)));

async function seed(url: string) {
  if (url.startsWith("file:")) for (const suffix of ["", "-wal", "-shm"]) rmSync(url.slice(5) + suffix, { force: true });
  const db = createDb({ url, poolSize: 5 });
  if (url.startsWith("postgres")) {
    const { Client } = await import("pg");
    const c = new Client({ connectionString: url.split("?")[0] });
    await c.connect();
    await c.query("DROP SCHEMA IF EXISTS bench_newsletter CASCADE");
    await c.end();
  }
  await applyMigrations(url);
  for (let i = 0; i < N; i += 5000)
    await db.subscriber.createMany({
      data: Array.from({ length: Math.min(5000, N - i) }, (_, k) => ({
        email: `reader${i + k}@bench.example`,
        emailHash: emailHash(`reader${i + k}@bench.example`),
        status: "confirmed",
        firstName: (i + k) % 3 ? `Reader${i + k}` : null,
      })),
    });
  await db.$disconnect();
}

async function child(cmd: string[], env: Record<string, string>): Promise<Record<string, number>> {
  const p = spawn(process.execPath, ["--import", "tsx", ...cmd], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  p.stdout.on("data", (c) => (out += c));
  const [code] = await once(p, "exit");
  if (code !== 0) throw new Error(`${cmd.join(" ")} exited ${code}`);
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

const relay = fork("bench/newsletter/smtp-counter.ts", [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "pipe", "inherit", "ipc"] });
const port = await new Promise<number>((resolve) => relay.stdout!.on("data", (c) => resolve(Number(String(c).match(/port (\d+)/)![1]))));
const smtpUrl = `smtp://127.0.0.1:${port}`;
const sinkCount = async () => {
  relay.send("count");
  const [m] = await once(relay, "message");
  return (m as { count: number }).count;
};

try {
  console.log(`bench:newsletter: ${fmt(N)} recipients, SMTP pool ${POOL}, relay in its own process at ${smtpUrl}`);
  const sqlite = "file:./data/bench-newsletter.db";
  process.stdout.write("seeding SQLite… ");
  await seed(sqlite);
  console.log("done");
  const env = (url: string) => ({
    APP_MODE: "local",
    DATABASE_URL: url,
    SMTP_URL: smtpUrl,
    SMTP_POOL_SIZE: String(POOL),
    PUBLIC_URL: "https://bench.example",
    SECRET_KEY: "b".repeat(40),
  });

  const before = await sinkCount();
  const raw = await child(["bench/newsletter/raw-sender.ts", smtpUrl, String(N), String(POOL), issueFile], {});
  const ours = await child(["bench/newsletter/campaign-sender.ts", issueFile], env(sqlite));
  const received = (await sinkCount()) - before;
  let pg: Record<string, number> | undefined;
  if (withPostgres) {
    process.stdout.write("seeding PostgreSQL… ");
    try {
      await seed(PG);
      console.log("done");
      pg = await child(["bench/newsletter/campaign-sender.ts", issueFile], env(PG));
    } catch (e) {
      console.log(`skipped (${(e as Error).message.split("\n")[0]})`);
    }
  }
  const lines = [
    `(a) raw nodemailer, no database:      ${fmt(raw.rate)} msg/s  (${fmt(raw.seconds, 1)} s, peak RSS ${fmt(raw.maxRssMb)} MB)`,
    `(b) our campaign send, SQLite:        ${fmt(ours.rate)} msg/s  (send ${fmt(ours.sendSeconds, 1)} s + freeze ${fmt(ours.freezeSeconds, 1)} s, peak RSS ${fmt(ours.maxRssMb)} MB)`,
    `    ratio (b)/(a): ${fmt((ours.rate / raw.rate) * 100, 1)} % of raw (target ≥ 85 %); including the freeze: ${fmt((ours.rateWithFreeze / raw.rate) * 100, 1)} %`,
    ...(pg
      ? [
          `(b) our campaign send, PostgreSQL:    ${fmt(pg.rate)} msg/s  (send ${fmt(pg.sendSeconds, 1)} s + freeze ${fmt(pg.freezeSeconds, 1)} s, peak RSS ${fmt(pg.maxRssMb)} MB), ${fmt((pg.rate / raw.rate) * 100, 1)} % of raw`,
        ]
      : []),
    `relay received ${fmt(received)} messages for (a) + SQLite (b) (expected ${fmt(N * 2)})`,
  ];
  console.log(lines.join("\n"));
  writeFileSync("bench/results/newsletter.txt", `${new Date().toISOString()}\n${lines.join("\n")}\n`);
} finally {
  relay.kill();
}
