// npm run bench:console [-- --subscribers 100000 --comments 50000 --campaigns 200 --requests 150 --skip-build --reuse]
// Seeds a SQLite database with real volumes (bulk inserts), starts the
// production build on it, signs in with a session made directly in the
// database, and measures each newsroom page's response time one request at a
// time (so the time is the server's, not a queue's): p50 and p95, next to a
// baseline measured in the same run (/api/health: the server's floor for a
// dynamic route). Also prints the SQLite query plans the sections rely on.
// Results: bench/results/console.txt (and docs/performance.md by hand).
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrations";
import { emailHash } from "../lib/newsletter/address";
import { createSession } from "../lib/newsroom/sessions";
import { fmt, run, startServer, stopServer } from "./lib";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const SUBSCRIBERS = Number(arg("subscribers", "100000"));
const COMMENTS = Number(arg("comments", "50000"));
const CAMPAIGNS = Number(arg("campaigns", "200"));
const REQUESTS = Number(arg("requests", "150"));
const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3841);
const DB_FILE = "data/bench-console.db";
const URL_ = `file:./${DB_FILE}`;
const WEEK = 7 * 86_400_000;
const now = Date.now();

async function seed() {
  if (process.argv.includes("--reuse") && existsSync(DB_FILE)) {
    // A database seeded by an earlier run (seeding takes minutes on a busy machine): only a new session.
    const db = createDb({ url: URL_, poolSize: 5 });
    const editor = await db.editor.findFirstOrThrow({ where: { email: "bench-editor@example.org" } });
    const { token } = await createSession(
      db,
      editor.id,
      { idleMs: 86_400_000, absoluteMs: 86_400_000 },
      { userAgent: "bench", ipPrefix: null },
    );
    return { db, token, seconds: 0 };
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });
  mkdirSync("data", { recursive: true });
  await applyMigrations(URL_);
  const db = createDb({ url: URL_, poolSize: 5 });
  const started = Date.now();
  const batch = 5000;
  // Subscribers over the last 26 weeks: 90 % confirmed (2 % of them paused), 10 % pending.
  for (let i = 0; i < SUBSCRIBERS; i += batch)
    await db.subscriber.createMany({
      data: Array.from({ length: Math.min(batch, SUBSCRIBERS - i) }, (_, k) => {
        const n = i + k;
        const at = new Date(now - ((n * 7919) % (26 * WEEK)));
        const confirmed = n % 10 !== 0;
        return {
          id: `s${String(n).padStart(7, "0")}`,
          email: `${["ana", "ben", "cleo", "dev", "eli", "fay"][n % 6]}.${n}@${["example.org", "mail.example", "post.example"][n % 3]}`,
          emailHash: emailHash(`reader-${n}@bench.example`),
          status: confirmed ? "confirmed" : "pending",
          paused: confirmed && n % 50 === 0,
          createdAt: at,
          confirmedAt: confirmed ? new Date(at.getTime() + 3_600_000) : null,
          consentAt: at,
          consentSource: "footer",
          consentTextVersion: "2026-11-24",
        };
      }),
    });
  await db.suppression.createMany({
    data: Array.from({ length: Math.round(SUBSCRIBERS / 20) }, (_, n) => ({
      emailHash: emailHash(`gone-${n}@bench.example`),
      reason: ["unsubscribed", "bounced", "deleted"][n % 3],
    })),
  });
  // Comments across 300 articles, most approved, some waiting.
  for (let i = 0; i < COMMENTS; i += batch)
    await db.comment.createMany({
      data: Array.from({ length: Math.min(batch, COMMENTS - i) }, (_, k) => {
        const n = i + k;
        return {
          articleSlug: `article-${n % 300}`,
          authorName: `Reader ${n % 4000}`,
          authorEmail: `commenter${n % 4000}@example.org`,
          body: `A comment about posture and walking, number ${n}. `.repeat(3),
          status: n % 25 === 0 ? "pending" : n % 40 === 0 ? "spam" : "approved",
          createdAt: new Date(now - n * 60_000),
          moderationNote: n % 25 === 0 ? "first comment from this email" : null,
        };
      }),
    });
  // 200 campaigns: the newest sent to the whole list, the older ones with a sample of 300 deliveries each.
  const subjects = Array.from({ length: CAMPAIGNS }, (_, c) => `Issue ${c + 1}: walking, posture and sleep`);
  for (let c = 0; c < CAMPAIGNS; c++) {
    const id = `c${String(c).padStart(4, "0")}`;
    const sendAt = new Date(now - (CAMPAIGNS - c) * WEEK);
    await db.campaign.create({
      data: {
        id,
        newsletterSlug: c === CAMPAIGNS - 1 ? "2026-12-walking-season" : `issue-${c}`,
        subject: subjects[c],
        html: "<p>…</p>",
        text: "…",
        status: "done",
        sendAt,
        startedAt: sendAt,
        finishedAt: new Date(sendAt.getTime() + 3_600_000),
        recipientCount: c === CAMPAIGNS - 1 ? SUBSCRIBERS : 300,
        createdAt: sendAt,
      },
    });
    const count = c === CAMPAIGNS - 1 ? Math.round(SUBSCRIBERS * 0.9) : 300;
    for (let i = 0; i < count; i += batch)
      await db.delivery.createMany({
        data: Array.from({ length: Math.min(batch, count - i) }, (_, k) => {
          const n = i + k;
          const failed = n % 97 === 0;
          return {
            id: `${id}-s${String(n).padStart(7, "0")}`,
            campaignId: id,
            subscriberId: `s${String(n).padStart(7, "0")}`,
            email: `reader.${n}@example.org`,
            status: failed ? "failed" : "sent",
            attempts: 1,
            sentAt: failed ? null : sendAt,
            error: failed ? "550 5.1.1 no such user" : null,
          };
        }),
      });
  }
  const editor = await db.editor.create({ data: { email: "bench-editor@example.org", displayName: "Bench Editor", role: "admin" } });
  const { token } = await createSession(
    db,
    editor.id,
    { idleMs: 86_400_000, absoluteMs: 86_400_000 },
    { userAgent: "bench", ipPrefix: null },
  );
  const seconds = (Date.now() - started) / 1000;
  return { db, token, seconds };
}

/** The query plans the sections rely on (SQLite's EXPLAIN QUERY PLAN of the statements Prisma sends, by shape). */
const PLANS: [string, string, unknown[]][] = [
  [
    "search by prefix (keyset)",
    `SELECT "id" FROM "Subscriber" WHERE "email" >= ? AND "email" < ? AND "email" LIKE ? ORDER BY "email", "id" LIMIT 26`,
    ["ana", "ana\u{10FFFF}", "ana%"],
  ],
  ["search by exact address", `SELECT "id" FROM "Subscriber" WHERE "emailHash" = ?`, ["x"]],
  ["growth: one week's confirmations", `SELECT COUNT(*) FROM "Subscriber" WHERE "confirmedAt" >= ? AND "confirmedAt" < ?`, [0, 1]],
  ["counts by state", `SELECT "status", "paused", COUNT(*) FROM "Subscriber" GROUP BY "status", "paused"`, []],
  ["suppressions by reason", `SELECT "reason", COUNT(*) FROM "Suppression" GROUP BY "reason"`, []],
  ["a subscriber's deliveries", `SELECT "id" FROM "Delivery" WHERE "subscriberId" = ? ORDER BY "id" DESC LIMIT 20`, ["s0000001"]],
  [
    "recipient count (the send form)",
    // countRecipients without topics: listed readers minus suppressed ones (lib/newsletter/campaigns.ts).
    `SELECT (SELECT COUNT(*) FROM "Subscriber" s WHERE s."status" = 'confirmed' AND NOT s."paused")
       - (SELECT COUNT(*) FROM "Suppression" x WHERE EXISTS (SELECT 1 FROM "Subscriber" s WHERE s."emailHash" = x."emailHash" AND s."status" = 'confirmed' AND NOT s."paused"))`,
    [],
  ],
  [
    "campaign progress",
    `SELECT "status", COUNT(*), SUM(CASE WHEN "inDoubt" THEN 1 ELSE 0 END) FROM "Delivery" WHERE "campaignId" = ? GROUP BY "status"`,
    ["c0199"],
  ],
  [
    "delivery log (keyset)",
    `SELECT "id" FROM "Delivery" WHERE "campaignId" = ? AND "status" = 'failed' AND "id" > ? ORDER BY "id" LIMIT 51`,
    ["c0199", ""],
  ],
  ["campaigns page (keyset)", `SELECT "id" FROM "Campaign" ORDER BY "createdAt" DESC, "id" DESC LIMIT 21`, []],
];

async function timings(url: string, cookie: string): Promise<{ p50: number; p95: number; status: number }> {
  const ms: number[] = [];
  let status = 0;
  for (let i = 0; i < REQUESTS + 10; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    await res.arrayBuffer();
    status = res.status;
    if (i >= 10) ms.push(performance.now() - t); // the first ten warm the caches
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)], p95: ms[Math.floor(ms.length * 0.95)], status };
}

if (!process.argv.includes("--skip-build") || !existsSync(".next/BUILD_ID")) {
  // The build prerenders article pages (their comments) from the default database: on a fresh clone it must exist first.
  run("npm", ["run", "--silent", "db:migrate"]);
  run("npm", ["run", "build"]);
}
console.log(
  `bench:console: seeding ${fmt(SUBSCRIBERS)} subscribers, ${fmt(COMMENTS)} comments, ${fmt(CAMPAIGNS)} campaigns into ${DB_FILE}…`,
);
const { db, token, seconds } = await seed();
console.log(`seeded in ${fmt(seconds, 1)} s`);
const plans: string[] = [];
for (const [name, text, params] of PLANS) {
  const rows = (await db.$queryRawUnsafe(`EXPLAIN QUERY PLAN ${text}`, ...params)) as { detail: string }[];
  plans.push(`${name}:\n${rows.map((r) => `    ${r.detail}`).join("\n")}`);
}
await db.$disconnect();

const server = await startServer(PORT, {
  APP_MODE: "local",
  DATABASE_URL: URL_,
  PUBLIC_URL: `http://localhost:${PORT}`,
  // With a relay configured local mode signs nobody in automatically: the session cookie does.
  SMTP_URL: "smtp://127.0.0.1:9",
  REQUEST_RATE_PER_MINUTE: "1000000",
});
const lines: string[] = [];
try {
  const cookie = `newsroom_session=${token}`;
  const base = `http://localhost:${PORT}`;
  const pages = [
    ["baseline: /api/health", "/api/health"],
    ["overview", "/newsroom"],
    ["comments queue", "/newsroom/comments"],
    ["subscribers (counts, growth)", "/newsroom/subscribers"],
    ["subscribers: prefix search", "/newsroom/subscribers?q=ana.1"],
    ["subscribers: exact address", "/newsroom/subscribers?q=ana.6%40example.org"],
    ["a subscriber's record", "/newsroom/subscribers/s0000001"],
    ["import page", "/newsroom/subscribers/import"],
    ["newsletters", "/newsroom/newsletters"],
    ["an issue (preview, count)", "/newsroom/newsletters/2026-12-walking-season"],
    ["an issue's email (iframe)", "/newsroom/newsletters/2026-12-walking-season/email?scheme=dark"],
    ["campaign of 90,000 (progress, log)", `/newsroom/newsletters/campaigns/c${String(CAMPAIGNS - 1).padStart(4, "0")}`],
    ["progress JSON (polled)", `/api/newsroom/newsletters/campaigns/c${String(CAMPAIGNS - 1).padStart(4, "0")}/progress`],
    ["editors", "/newsroom/editors"],
    ["audit log", "/newsroom/audit"],
  ] as const;
  let baseline = 0;
  lines.push(`${"page".padEnd(40)} ${"status".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p95/baseline".padStart(13)}`);
  for (const [name, path] of pages) {
    const r = await timings(base + path, cookie);
    if (name.startsWith("baseline")) baseline = r.p95;
    if (r.status === 404 && !name.startsWith("baseline")) {
      lines.push(`${name.padEnd(40)} ${"404".padStart(6)}  (no such page in this build; skipped)`);
      continue;
    }
    lines.push(
      `${name.padEnd(40)} ${String(r.status).padStart(6)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p95, 1).padStart(8)} ${`${fmt(r.p95 / baseline, 1)}×`.padStart(13)}${r.p95 > 150 ? "  OVER 150 ms" : ""}`,
    );
    console.log(lines.at(-1));
  }
} finally {
  stopServer(server);
}
const report = [
  `${new Date().toISOString()}  ${fmt(SUBSCRIBERS)} subscribers, ${fmt(COMMENTS)} comments, ${fmt(CAMPAIGNS)} campaigns (seeded in ${fmt(seconds, 1)} s); ${REQUESTS} sequential requests per page after 10 warm-up`,
  ...lines,
  "",
  "SQLite query plans:",
  ...plans,
].join("\n");
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/console.txt", `${report}\n`);
console.log(`\n${plans.join("\n")}\nwritten to bench/results/console.txt`);
