// npm run bench:comments [-- --skip-build] [--seconds N]
// In one run on SQLite, with a local captcha stand-in (reCAPTCHA v2 protocol):
//   * comment POST throughput and p99 at 20 concurrent clients through the
//     full flow (validation, captcha, rate limits, duplicate check, moderation, write);
//   * the same for a naive route that inserts one row with Prisma on a
//     default-configured SQLite file (the baseline);
//   * the article page's requests/s alone, and while comments are being posted.
import { rmSync } from "node:fs";
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { fmt, load, run, startServer, stopServer } from "./lib";

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf("--seconds") + 1]) || 10;
const PORT = 3410;
const BASE = `http://localhost:${PORT}`;
const CONNECTIONS = 20;
const STAND_IN_PORT = 3411;

type Result = { rps: number; p99: number; errors: number; statuses: Record<string, number> };

async function postLoad(path: string, seconds: number, withCaptcha: boolean): Promise<Result> {
  let n = 0;
  const r = await autocannon({
    url: BASE + path,
    method: "POST",
    duration: seconds,
    connections: CONNECTIONS,
    headers: { "content-type": "application/json", origin: BASE },
    requests: [
      {
        setupRequest: (req) => {
          const i = ++n;
          const tag = `${process.pid}-${Date.now()}-${i}`;
          req.body = JSON.stringify({
            articleSlug: "walking-for-low-back-pain",
            name: `Reader ${i}`,
            email: `reader-${tag}@example.com`,
            body: `Walking helped me this week, day ${tag}.`,
            ...(withCaptcha ? { captchaToken: `pass:n=${tag}` } : {}),
          });
          return req;
        },
      },
    ],
  });
  const statuses: Record<string, number> = { "2xx": r["2xx"], "4xx": r["4xx"], "5xx": r["5xx"] };
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, statuses };
}

async function main() {
  // The captcha stand-in runs in its own process, as the real provider would,
  // so it does not share an event loop with the load generator.
  const standIn = spawn(process.execPath, ["--import", "tsx", "scripts/captcha-stand-in.ts", String(STAND_IN_PORT), "bench-secret"], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((r) => standIn.stdout!.once("data", r));
  const standInUrl = `http://127.0.0.1:${STAND_IN_PORT}/siteverify`;
  for (const f of ["data/bench-comments.db", "data/bench-naive.db"]) for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(f + s, { force: true });
  const env: Record<string, string> = {
    APP_MODE: "local",
    DATABASE_URL: "file:./data/bench-comments.db",
    PUBLIC_URL: BASE,
    CAPTCHA_PROVIDER: "recaptcha-v2",
    CAPTCHA_SITE_KEY: "bench-site",
    CAPTCHA_SECRET_KEY: "bench-secret",
    CAPTCHA_VERIFY_URL: standInUrl,
    // One client address sends everything here; per-email limits still apply.
    COMMENT_RATE_PER_IP: "1000000000",
    COMMENT_MIN_SECONDS: "0",
    BENCH_NAIVE_DATABASE_URL: "file:./data/bench-naive.db",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  run("npm", ["run", "--silent", "db:migrate"], env);
  run("npm", ["run", "--silent", "db:migrate"], { ...env, DATABASE_URL: env.BENCH_NAIVE_DATABASE_URL });
  // The naive file goes back to SQLite's defaults (the migration runner turns WAL on).
  run("node", ["-e", "const D=require('better-sqlite3');const d=new D('data/bench-naive.db');d.pragma('journal_mode = DELETE');d.close()"]);
  if (!args.includes("--skip-build")) run("npm", ["run", "--silent", "build"], env);
  const server = await startServer(PORT, env);
  try {
    const article = `${BASE}/articles/posture-myths`;
    await load(article, 2, 10);
    await postLoad("/bench-naive-comment", 2, false);
    await postLoad("/api/comments", 2, true);
    const naive = await postLoad("/bench-naive-comment", SECONDS, false);
    const ours = await postLoad("/api/comments", SECONDS, true);
    const readAlone = await load(article, SECONDS, CONNECTIONS);
    const [readUnderWrites] = await Promise.all([load(article, SECONDS, CONNECTIONS), postLoad("/api/comments", SECONDS, true)]);

    console.log("\n== bench:comments (one run, SQLite, local captcha stand-in)\n");
    console.log(`POST route                        req/s    p99 ms   non-2xx`);
    console.log(`naive insert (default SQLite)  ${fmt(naive.rps).padStart(8)} ${fmt(naive.p99).padStart(9)} ${String(naive.errors).padStart(9)}`);
    console.log(`/api/comments (full flow)      ${fmt(ours.rps).padStart(8)} ${fmt(ours.p99).padStart(9)} ${String(ours.errors).padStart(9)}`);
    console.log(`ratio ours / naive: ${fmt(ours.rps / naive.rps, 2)}x (target ≥ 2x), p99 ${fmt(ours.p99)} ms (target < 100 ms)`);
    console.log(`\narticle page req/s: ${fmt(readAlone.rps)} alone, ${fmt(readUnderWrites.rps)} while comments are posted (${fmt((readUnderWrites.rps / readAlone.rps) * 100, 1)}%)`);
    console.log(`statuses: naive ${JSON.stringify(naive.statuses)}, ours ${JSON.stringify(ours.statuses)}`);
  } finally {
    stopServer(server);
    standIn.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
