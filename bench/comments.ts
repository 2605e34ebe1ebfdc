// npm run bench:comments [-- --skip-build] [--seconds N] [--rounds N] [--postgres] [--compare <dir>]
// In one run on SQLite (or, with --postgres, on the PostgreSQL of
// BENCH_POSTGRES_URL, default the local test database), with a local captcha
// stand-in (reCAPTCHA v2 protocol):
//   * comment POST throughput and p99 at 20 concurrent clients through the
//     full flow (validation, captcha, rate limits, duplicate check, moderation, write),
//     and the server's CPU per comment (from /proc), which load from other
//     processes stretches far less than requests/s;
//   * the same for a naive route that inserts one row with Prisma on a
//     default-configured SQLite file or PostgreSQL schema (the baseline), served by the bare Next
//     app of bench/bare-next so the product's build has no benchmark route;
//   * the article page's requests/s alone, and while comments are being posted;
//   * with --compare <dir>: the full flow of another checkout too (its own `npm ci` and build, e.g.
//     a `git worktree` of the commit before a change), in the same rotation, so a before and after
//     come from one run on one machine.
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import pg from "pg";
import { cpuSeconds, fmt, load, prepareBareNext, run, startServer, stopServer, BARE_NEXT_DIR } from "./lib";

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf("--seconds") + 1]) || 10;
// --rounds N: the naive route and the full flow take turns N times, SECONDS each, so that a drift in the
// machine's speed during the run (other work, thermal) falls on both sides alike.
const ROUNDS = Number(args[args.indexOf("--rounds") + 1]) || 3;
const POSTGRES = args.includes("--postgres");
// --addresses N: the posts come from N client addresses in turn (X-Forwarded-For, with the server trusting
// one proxy hop), as readers' posts do, instead of all from 127.0.0.1, whose one per-address rate-limit row
// every post would otherwise update.
const ADDRESSES = Number(args[args.indexOf("--addresses") + 1]) || 0;
const COMPARE = args.includes("--compare") ? path.resolve(args[args.indexOf("--compare") + 1] ?? "") : undefined;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORT = Number(process.env.BENCH_PORT ?? 3410);
const BASE = `http://localhost:${PORT}`;
const CONNECTIONS = 20;
const STAND_IN_PORT = PORT + 1;
const NAIVE_PORT = PORT + 2;
const NAIVE = `http://localhost:${NAIVE_PORT}/naive-comment`;
const COMPARE_PORT = PORT + 3;

type Result = { rps: number; p99: number; errors: number; statuses: Record<string, number>; requests: number };

async function postLoad(url: string, seconds: number, withCaptcha: boolean): Promise<Result> {
  let n = 0;
  const r = await autocannon({
    url,
    method: "POST",
    duration: seconds,
    connections: CONNECTIONS,
    headers: { "content-type": "application/json", origin: BASE },
    requests: [
      {
        setupRequest: (req) => {
          const i = ++n;
          const tag = `${process.pid}-${Date.now()}-${i}`;
          if (ADDRESSES)
            req.headers = {
              ...req.headers,
              "x-forwarded-for": `10.${(i % ADDRESSES) >> 16}.${((i % ADDRESSES) >> 8) & 255}.${(i % ADDRESSES) & 255}`,
            };
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
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, statuses, requests: r.requests.total };
}

type Rounds = { rps: number; p99: number; errors: number; statuses: Record<string, number>; cpuUs: number | undefined };

/** Rounds of one side summed: requests/s over all of them, the worst round's p99, server CPU per request. */
function summed(rounds: { r: Result; cpuSeconds: number | undefined }[]): Rounds {
  const requests = rounds.reduce((n, x) => n + x.r.requests, 0);
  const cpu = rounds.every((x) => x.cpuSeconds !== undefined) ? rounds.reduce((n, x) => n + x.cpuSeconds!, 0) : undefined;
  const statuses: Record<string, number> = {};
  for (const { r } of rounds) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    rps: rounds.reduce((n, x) => n + x.r.rps, 0) / rounds.length,
    p99: Math.max(...rounds.map((x) => x.r.p99)),
    errors: rounds.reduce((n, x) => n + x.r.errors, 0),
    statuses,
    cpuUs: cpu === undefined || requests === 0 ? undefined : (cpu * 1e6) / requests,
  };
}

/** One round of posts with the server's CPU time around it. */
async function measured(url: string, pid: number | undefined, withCaptcha: boolean) {
  const before = pid ? cpuSeconds(pid) : undefined;
  const r = await postLoad(url, SECONDS, withCaptcha);
  const after = pid ? cpuSeconds(pid) : undefined;
  return { r, cpuSeconds: before === undefined || after === undefined ? undefined : after - before };
}

/**
 * The other checkout of --compare, served as it serves itself (server.ts when it has one, else
 * `next start`) on its own database, with this run's settings. It must be built already.
 */
async function startCompared(dir: string, postgresUrl: string | undefined, env: Record<string, string>) {
  if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new Error(`--compare ${dir}: build it first (npm ci && npm run build there)`);
  const databaseUrl = postgresUrl ?? `file:${path.join(dir, "data", "bench-compare.db")}`;
  if (!postgresUrl)
    for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(dir, "data", "bench-compare.db") + s, { force: true });
  // Its scripts read its own tsconfig (older checkouts have no tsconfig.scripts.json).
  const tsconfig = existsSync(path.join(dir, "tsconfig.scripts.json")) ? "tsconfig.scripts.json" : "tsconfig.json";
  run("npm", ["run", "--silent", "db:migrate"], { ...env, DATABASE_URL: databaseUrl, TSX_TSCONFIG_PATH: tsconfig }, dir);
  const command = existsSync(path.join(dir, "server.ts")) ? "server" : "next";
  const server = await startServer(COMPARE_PORT, { ...env, DATABASE_URL: databaseUrl }, { dir, command, profileName: "compared" });
  return { server, url: `http://localhost:${COMPARE_PORT}/api/comments` };
}

async function main() {
  // The captcha stand-in runs in its own process, as the real provider would,
  // so it does not share an event loop with the load generator.
  const standIn = spawn(process.execPath, ["--import", "tsx", "scripts/captcha-stand-in.ts", String(STAND_IN_PORT), "bench-secret"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Whatever happens next (a failed build included), the stand-in goes with this process.
  process.on("exit", () => standIn.kill());
  await new Promise((r, reject) => {
    standIn.stdout!.once("data", r);
    standIn.once("exit", (code) => reject(new Error(`the captcha stand-in exited (${code}): is port ${STAND_IN_PORT} taken?`)));
  });
  const standInUrl = `http://127.0.0.1:${STAND_IN_PORT}/siteverify`;
  for (const f of ["data/bench-comments.db", "data/bench-naive.db"])
    for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(f + s, { force: true });
  // On PostgreSQL, two fresh schemas of their own, dropped at the end.
  const run_id = randomBytes(3).toString("hex");
  const schemas = { ours: `bench_comments_${run_id}`, naive: `bench_naive_${run_id}`, compare: `bench_compare_${run_id}` };
  const withSchema = (schema: string) => `${POSTGRES_URL}${POSTGRES_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  const databaseUrl = POSTGRES ? withSchema(schemas.ours) : "file:./data/bench-comments.db";
  const naiveUrl = POSTGRES ? withSchema(schemas.naive) : "file:./data/bench-naive.db";
  const env: Record<string, string> = {
    APP_MODE: "local",
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: BASE,
    CAPTCHA_PROVIDER: "recaptcha-v2",
    CAPTCHA_SITE_KEY: "bench-site",
    CAPTCHA_SECRET_KEY: "bench-secret",
    CAPTCHA_VERIFY_URL: standInUrl,
    // One client address sends everything here; per-email limits still apply.
    COMMENT_RATE_PER_IP: "1000000000",
    // The request gate's per-address flood limit too (lib/security/gate.ts).
    REQUEST_RATE_PER_MINUTE: "1000000000",
    COMMENT_MIN_SECONDS: "0",
    NEXT_TELEMETRY_DISABLED: "1",
    // Every comment POST writes a request log line (decision 0034). Logs as production writes them (JSON
    // lines), not local mode's readable lines, which pino-pretty formats on the request's thread: measured
    // on this machine, the readable format costs the comment flow ~9 % (docs/performance.md). BENCH_LOG_FORMAT
    // overrides.
    LOG_FORMAT: process.env.BENCH_LOG_FORMAT ?? "json",
    ...(ADDRESSES ? { TRUST_PROXY: "1" } : {}),
  };
  run("npm", ["run", "--silent", "db:migrate"], env);
  run("npm", ["run", "--silent", "db:migrate"], { ...env, DATABASE_URL: naiveUrl });
  // The naive file goes back to SQLite's defaults (the migration runner turns WAL on).
  if (!POSTGRES)
    run("node", [
      "-e",
      "const D=require('better-sqlite3');const d=new D('data/bench-naive.db');d.pragma('journal_mode = DELETE');d.close()",
    ]);
  // The build prerenders the article pages (no comments yet) from a SQLite file either way: on a
  // busy machine a PostgreSQL connection can time out during prerendering, and the pages are the same.
  const buildEnv = { ...env, DATABASE_URL: "file:./data/bench-comments.db" };
  if (POSTGRES) run("npm", ["run", "--silent", "db:migrate"], buildEnv);
  if (!args.includes("--skip-build")) run("npm", ["run", "--silent", "build"], buildEnv);
  prepareBareNext({ skipBuild: args.includes("--skip-build") });
  const compared = COMPARE ? await startCompared(COMPARE, POSTGRES ? withSchema(schemas.compare) : undefined, env) : undefined;
  const server = await startServer(PORT, env);
  const naiveServer = await startServer(
    NAIVE_PORT,
    {
      NEXT_TELEMETRY_DISABLED: "1",
      BENCH_REPO_ROOT: process.cwd(),
      ...(POSTGRES ? { BENCH_NAIVE_POSTGRES_URL: naiveUrl } : { BENCH_NAIVE_DATABASE_FILE: path.resolve("data/bench-naive.db") }),
    },
    { dir: BARE_NEXT_DIR, readyPath: "/", profileName: "naive" },
  );
  try {
    const article = `${BASE}/articles/posture-myths`;
    await load(article, 2, 10);
    await postLoad(NAIVE, 2, false);
    await postLoad(BASE + "/api/comments", 2, true);
    if (compared) await postLoad(compared.url, 2, true);
    const naiveRounds: Awaited<ReturnType<typeof measured>>[] = [];
    const ourRounds: Awaited<ReturnType<typeof measured>>[] = [];
    const comparedRounds: Awaited<ReturnType<typeof measured>>[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      naiveRounds.push(await measured(NAIVE, naiveServer.pid, false));
      // The other checkout goes first every other round, so neither side always follows the naive route.
      if (compared && i % 2 === 1) comparedRounds.push(await measured(compared.url, compared.server.pid, true));
      ourRounds.push(await measured(BASE + "/api/comments", server.pid, true));
      if (compared && i % 2 === 0) comparedRounds.push(await measured(compared.url, compared.server.pid, true));
    }
    const naive = summed(naiveRounds);
    const ours = summed(ourRounds);
    const readAlone = await load(article, SECONDS, CONNECTIONS);
    const [readUnderWrites] = await Promise.all([load(article, SECONDS, CONNECTIONS), postLoad(BASE + "/api/comments", SECONDS, true)]);

    console.log(
      `\n== bench:comments (one run, ${POSTGRES ? "PostgreSQL" : "SQLite"}, local captcha stand-in${ADDRESSES ? `, posts from ${ADDRESSES} client addresses` : ", every post from one address"})\n`,
    );
    console.log(`POST route                        req/s    p99 ms   non-2xx`);
    console.log(
      `naive insert (${POSTGRES ? "PostgreSQL" : "default SQLite"})${POSTGRES ? "    " : ""}  ${fmt(naive.rps).padStart(8)} ${fmt(naive.p99).padStart(9)} ${String(naive.errors).padStart(9)}`,
    );
    console.log(
      `/api/comments (full flow)      ${fmt(ours.rps).padStart(8)} ${fmt(ours.p99).padStart(9)} ${String(ours.errors).padStart(9)}`,
    );
    console.log(`ratio ours / naive: ${fmt(ours.rps / naive.rps, 2)}x (target ≥ 2x), p99 ${fmt(ours.p99)} ms (target < 100 ms)`);
    console.log(
      `per round: ${ourRounds.map((o, i) => `${fmt(o.r.rps / naiveRounds[i].r.rps, 2)}x`).join(", ")} (${ROUNDS} alternating rounds of ${SECONDS} s; p99 is the worst round's)`,
    );
    if (naive.cpuUs !== undefined && ours.cpuUs !== undefined)
      console.log(
        `server CPU per POST: naive ${fmt(naive.cpuUs)} µs, full flow ${fmt(ours.cpuUs)} µs (${fmt(naive.cpuUs / ours.cpuUs, 2)}x by CPU; the captcha stand-in and the load generator not counted)`,
      );
    if (compared) {
      const other = summed(comparedRounds);
      console.log(
        `compared (${COMPARE}): ${fmt(other.rps)} req/s, p99 ${fmt(other.p99)} ms, ratio ${fmt(other.rps / naive.rps, 2)}x, server CPU per POST ${other.cpuUs === undefined ? "?" : fmt(other.cpuUs)} µs, non-2xx ${other.errors}; this checkout ${fmt((ours.rps / other.rps) * 100, 1)}% of its requests/s`,
      );
    }
    console.log(
      `\narticle page req/s: ${fmt(readAlone.rps)} alone, ${fmt(readUnderWrites.rps)} while comments are posted (${fmt((readUnderWrites.rps / readAlone.rps) * 100, 1)}%)`,
    );
    console.log(`statuses: naive ${JSON.stringify(naive.statuses)}, ours ${JSON.stringify(ours.statuses)}`);
  } finally {
    stopServer(server);
    stopServer(naiveServer);
    if (compared) stopServer(compared.server);
    standIn.kill();
    if (POSTGRES) {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      for (const schema of Object.values(schemas)) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
      await admin.end();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
