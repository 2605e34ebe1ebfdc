// npm run bench:pages [-- --skip-build] [--seconds N] [--no-redis] [--no-lighthouse] [--metrics]
// Builds the site and the bare Next app of bench/bare-next, serves the site as
// operators do (`npm start`: server.ts) and the bare app with `next start`, and
// measures, in one run:
//   * requests/s and p99 latency of an article page served with the
//     file-system page cache, and served with the Redis page cache (REDIS_URL,
//     BENCH_REDIS_URL or redis://127.0.0.1:6379), next to the baseline: one
//     static page of a bare Next app of the same version; alternating rounds;
//   * gzipped JavaScript each page loads (noModule legacy chunks excluded);
//   * Lighthouse (mobile settings, Debian's Chromium) on the home and article pages.
// --metrics serves the site with METRICS_TOKEN set (request histograms on, as
// an operator scraping /api/metrics runs it), to measure what metrics cost.
// Ports: BENCH_PORT (default 3400) and the two above it.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { Redis } from "ioredis";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../lib/testing/chromium";
import { cpuSeconds, fmt, load, loadGenerator, prepareBareNext, run, startServer, stopServer, BARE_NEXT_DIR, type Load } from "./lib";

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf("--seconds") + 1]) || 20;
// Throughput on a shared 2-core machine drifts by ±10 % over a minute; short
// alternating rounds let the drift hit both routes alike.
const ROUNDS = 4;
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://localhost:${PORT}`;
const BARE = `http://localhost:${PORT + 1}`;
const SHARED = `http://localhost:${PORT + 2}`;
const ARTICLE = "/articles/posture-myths";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_PREFIX = `bench-pages-${process.pid}:`;
const env: Record<string, string> = {
  APP_MODE: "local",
  DATABASE_URL: "file:./data/bench.db",
  PUBLIC_URL: BASE,
  NEXT_TELEMETRY_DISABLED: "1",
  // JSON lines, as in production (the pretty format is for a person at a terminal).
  LOG_FORMAT: "json",
  ...(args.includes("--metrics") ? { METRICS_TOKEN: "bench-metrics-token-0123456789" } : {}),
};

async function scriptBytes(base: string, path: string): Promise<{ raw: number; gzip: number; files: number }> {
  const html = await (await fetch(base + path)).text();
  const srcs = [...html.matchAll(/<script\b([^>]*)\bsrc="([^"]+)"([^>]*)>/g)]
    .filter((m) => !/\bnomodule\b/i.test(m[1] + m[3]))
    .map((m) => m[2]);
  let raw = 0;
  let gzip = 0;
  for (const src of new Set(srcs)) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  // Inline scripts (the RSC payload) travel in the HTML; count them too.
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
  return { raw, gzip: gzip + gzipSync(inline).length, files: new Set(srcs).size };
}

// Lighthouse scores vary from run to run on a shared machine: each page is
// audited several times and the median reported, with the host's
// benchmarkIndex (Lighthouse's CPU slowdown is relative to the host).
const LH_RUNS = 3;

type Scores = Record<string, number>;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function lighthouseScores(urls: string[]) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
  });
  const once = async (url: string) => {
    const result = await lighthouse(BASE + url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    const lhr = result!.lhr;
    const scores: Scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, v]) => [k, Math.round((v.score ?? 0) * 100)]));
    scores.tbtMs = Math.round(lhr.audits["total-blocking-time"].numericValue ?? 0);
    scores.lcpMs = Math.round(lhr.audits["largest-contentful-paint"].numericValue ?? 0);
    return { scores, benchmarkIndex: lhr.environment.benchmarkIndex };
  };
  const medianOf = (runs: Scores[]) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  const out: { benchmarkIndex: number; default: Record<string, Scores> } = { benchmarkIndex: 0, default: {} };
  try {
    const indexes: number[] = [];
    for (const url of urls) {
      const runs = [];
      for (let i = 0; i < LH_RUNS; i++) {
        const r = await once(url);
        runs.push(r.scores);
        indexes.push(r.benchmarkIndex);
      }
      out.default[url] = medianOf(runs);
    }
    out.benchmarkIndex = median(indexes);
  } finally {
    await chrome.kill();
  }
  return out;
}

async function redisReachable(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

async function dropRedisKeys() {
  const r = new Redis(REDIS_URL);
  try {
    for await (const keys of r.scanStream({ match: `${REDIS_PREFIX}*`, count: 500 }))
      if ((keys as string[]).length) await r.del(...(keys as string[]));
  } finally {
    r.disconnect();
  }
}

type Target = { label: string; url: string; pid: number };

async function main() {
  rmSync("data/bench.db", { force: true });
  run("npm", ["run", "--silent", "db:migrate"], env);
  const skipBuild = args.includes("--skip-build");
  if (!skipBuild) run("npm", ["run", "--silent", "build"], env);
  prepareBareNext({ skipBuild });
  const withRedis = !args.includes("--no-redis") && (await redisReachable());
  if (!args.includes("--no-redis") && !withRedis)
    console.log(`Redis at ${REDIS_URL} is not reachable: measuring the file-system cache only`);
  const servers = [
    await startServer(PORT, env),
    await startServer(PORT + 1, { NEXT_TELEMETRY_DISABLED: "1" }, { dir: BARE_NEXT_DIR, readyPath: "/", profileName: "bare" }),
  ];
  if (withRedis) servers.push(await startServer(PORT + 2, { ...env, PUBLIC_URL: SHARED, REDIS_URL, REDIS_KEY_PREFIX: REDIS_PREFIX }));
  try {
    const targets: Target[] = [
      { label: "bare Next app, static page", url: BARE + "/", pid: servers[1].pid! },
      { label: "article, file-system cache", url: BASE + ARTICLE, pid: servers[0].pid! },
      ...(withRedis ? [{ label: "article, Redis cache", url: SHARED + ARTICLE, pid: servers[2].pid! }] : []),
    ];
    if (withRedis) {
      const health = await (await fetch(SHARED + "/api/health")).json();
      if (health.status !== "ok") throw new Error(`the Redis-backed server is not healthy: ${JSON.stringify(health)}`);
    }
    // Warm every route, then alternate so drift on a busy machine hits all alike.
    for (const t of targets) await load(t.url, 3, 20);
    const runs = new Map<Target, (Load & { cpuUs?: number })[]>(targets.map((t) => [t, []]));
    for (let i = 0; i < ROUNDS; i++)
      for (const t of targets) {
        const before = cpuSeconds(t.pid);
        const l = await load(t.url, SECONDS / ROUNDS, 20);
        const after = cpuSeconds(t.pid);
        const requests = l.rps * (SECONDS / ROUNDS);
        runs.get(t)!.push({ ...l, cpuUs: before !== undefined && after !== undefined ? ((after - before) / requests) * 1e6 : undefined });
      }
    const avg = (ls: (Load & { cpuUs?: number })[]) => ({
      rps: ls.reduce((s, l) => s + l.rps, 0) / ls.length,
      p99: Math.max(...ls.map((l) => l.p99)),
      errors: ls.reduce((s, l) => s + l.errors + l.non2xx, 0),
      cpuUs: ls.every((l) => l.cpuUs !== undefined) ? ls.reduce((s, l) => s + l.cpuUs!, 0) / ls.length : undefined,
    });
    const results = targets.map((t) => ({ ...t, ...avg(runs.get(t)!) }));
    const base = results[0];
    console.log(
      `\n== bench:pages (one run, same machine; ${loadGenerator()}, 20 connections, ${ROUNDS} alternating rounds of ${SECONDS / ROUNDS} s per route; metrics ${env.METRICS_TOKEN ? "on" : "off"})\n`,
    );
    console.log(`route                            req/s      p99 ms   errors   of bare Next   server CPU µs/req   bare's CPU ÷ this`);
    for (const r of results)
      console.log(
        `${r.label.padEnd(30)} ${fmt(r.rps).padStart(8)} ${fmt(r.p99, 1).padStart(10)} ${String(r.errors).padStart(8)} ${(fmt((r.rps / base.rps) * 100, 1) + "%").padStart(14)} ${(r.cpuUs === undefined ? "" : fmt(r.cpuUs)).padStart(19)} ${(r.cpuUs === undefined || base.cpuUs === undefined ? "" : fmt((base.cpuUs / r.cpuUs) * 100, 1) + "%").padStart(19)}`,
      );
    console.log(
      `target: each article row ≥ 90% of the bare Next app (requests/s; the CPU column is the same ratio measured as server CPU per request)`,
    );

    const jsBase = await scriptBytes(BARE, "/");
    const jsArt = await scriptBytes(BASE, ARTICLE);
    const jsDelta = (jsArt.gzip - jsBase.gzip) / 1024;
    console.log(`\nJavaScript loaded (gzip, noModule excluded, inline RSC payload included):`);
    console.log(
      `  bare Next ${fmt(jsBase.gzip / 1024, 1)} kB in ${jsBase.files} files; article ${fmt(jsArt.gzip / 1024, 1)} kB in ${jsArt.files} files; difference ${fmt(jsDelta, 1)} kB (target ≤ 15 kB)`,
    );

    const lh = args.includes("--no-lighthouse") ? undefined : await lighthouseScores(["/", ARTICLE]);
    const report = {
      date: new Date().toISOString(),
      metrics: Boolean(env.METRICS_TOKEN),
      load: {
        generator: loadGenerator(),
        seconds: SECONDS,
        rounds: ROUNDS,
        connections: 20,
        results: results.map((r) => ({
          label: r.label,
          url: r.url,
          rps: r.rps,
          p99: r.p99,
          errors: r.errors,
          ofBare: r.rps / base.rps,
          cpuUsPerRequest: r.cpuUs,
          cpuOfBare: r.cpuUs && base.cpuUs ? base.cpuUs / r.cpuUs : undefined,
        })),
      },
      javascript: { bare: jsBase, article: jsArt, deltaKiB: jsDelta },
      lighthouse: lh,
    };
    const show = (set: Record<string, Record<string, number>>) => {
      for (const [url, s] of Object.entries(set))
        console.log(
          `  ${url.padEnd(26)} ${Object.entries(s)
            .map(([k, v]) => `${k} ${v}`)
            .join("  ")}`,
        );
    };
    if (lh) {
      console.log(
        `\nLighthouse, mobile, default settings (4x CPU slowdown), median of ${LH_RUNS}; host benchmarkIndex ${lh.benchmarkIndex}:`,
      );
      show(lh.default);
      console.log("targets: every score ≥ 98 on both pages");
    }
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/pages.json", JSON.stringify(report, null, 2));
    console.log("\nwritten to bench/results/pages.json");
  } finally {
    for (const s of servers) stopServer(s);
    if (withRedis) await dropRedisKeys();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
