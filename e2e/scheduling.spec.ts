// Publishing on time and previews (decisions 0018, 0019), on the production build.
//
// Scheduling: a server of this same build is started whose clock stands 20
// seconds before the sample scheduled article (content/articles/future-piece.mdx,
// 2099-04-01, a date without a time read in PUBLICATION_TIME_ZONE=Europe/Paris)
// goes live until the journey starts it (e2e/fixtures/shifted-clock.mjs), so
// how long the server took to start does not matter. Nothing is rebuilt or redeployed:
// the journey watches the article appear on the home page, its category, tag and
// author pages, the feed, the sitemap and search. That server shares its pages
// through Redis (as several instances do, decision 0030), so it never writes
// into the build the other journeys read; without Redis the journey is skipped
// (CI must have it).
//
// Previews run against the suite's own server (the real clock).
// Port: E2E_INSTANCES_PORT (default 3220), free while e2e/several-instances.spec.ts is not running.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import { tsImport } from "tsx/esm/api";
import { E2E_ENV } from "./support";
import type * as PreviewLink from "../lib/preview-link";
import type * as Preview from "../lib/preview";
import type * as Times from "../lib/content/publication-time";

// The first of the several-instances ports: journeys run one at a time (workers: 1).
const PORT = Number(process.env.E2E_INSTANCES_PORT ?? 3220);
const SITE = `http://localhost:${PORT}`;
const REDIS_URL = process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_KEY_PREFIX = `${process.env.E2E_REDIS_PREFIX ?? "e2e"}:scheduling:${randomBytes(4).toString("hex")}:`;
const ZONE = "Europe/Paris";
const TITLE = "Gardening Without a Sore Back";
const SLUG = "future-piece";
/** The ceiling for every page to show the article: the promise is 60 s; a busy machine gets twice that before the test fails. */
const CEILING_MS = 120_000;

const load = <T>(file: string) => tsImport(file, { parentURL: import.meta.url, tsconfig: "tsconfig.scripts.json" }) as Promise<T>;

let server: ChildProcess | undefined;
let skipped: string | undefined;
let goesLive: Date;

async function redisAnswers(): Promise<string | undefined> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    return `Redis at ${REDIS_URL}: ${(e as Error).message}`;
  } finally {
    redis.disconnect();
  }
}

async function text(path: string): Promise<{ status: number; body: string }> {
  const r = await fetch(`${SITE}${path}`);
  return { status: r.status, body: await r.text() };
}

test.describe("a scheduled article goes live without a deploy", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    skipped = await redisAnswers();
    if (skipped && process.env.CI === "true") throw new Error(`CI=true but ${skipped}`);
    if (skipped) return;
    const { publicationInstant } = await load<typeof Times>("../lib/content/publication-time.ts");
    goesLive = publicationInstant("2099-04-01", ZONE);
    mkdirSync("test-results", { recursive: true });
    const log = openSync(`test-results/scheduling-${PORT}.log`, "w");
    server = spawn(process.execPath, ["--import", "./e2e/fixtures/shifted-clock.mjs", "--import", "tsx", "server.ts"], {
      env: {
        ...E2E_ENV,
        PORT: String(PORT),
        PUBLIC_URL: SITE,
        PUBLICATION_TIME_ZONE: ZONE,
        E2E_CLOCK_START: new Date(goesLive.getTime() - 20_000).toISOString(),
        REDIS_URL,
        REDIS_KEY_PREFIX,
        SMTP_URL: "",
        OUTBOX_DIR: "data/e2e-scheduling-outbox",
        TSX_TSCONFIG_PATH: "tsconfig.scripts.json",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", log, log],
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ok = await fetch(`${SITE}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the scheduling server did not start (test-results/scheduling-${PORT}.log)`);
      await new Promise((r) => setTimeout(r, 300));
    }
  });

  test.beforeEach(() => test.skip(skipped !== undefined, `the scheduling journey needs Redis: ${skipped}`));

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    if (skipped) return;
    const redis = new Redis(REDIS_URL);
    for await (const keys of redis.scanStream({ match: `${REDIS_KEY_PREFIX}*` }))
      if ((keys as string[]).length) await redis.del(...(keys as string[]));
    redis.disconnect();
  });

  test("it is nowhere before its time and everywhere within a minute after it", async () => {
    test.setTimeout(CEILING_MS + 60_000);
    // Before: built, but answered as not found and in no list.
    const before = await Promise.all(["/", `/articles/${SLUG}`, "/feed.xml", "/search?q=gardening"].map(text));
    expect(before[0].body).not.toContain(TITLE);
    expect(before[1].status).toBe(404);
    expect(before[2].body).not.toContain(TITLE);
    expect(before[3].body).not.toContain(TITLE);
    // The server's clock starts running: the article's time is 20 s away.
    server!.kill("SIGUSR2");
    const startedAt = Date.now();

    const where: [string, (r: { status: number; body: string }) => boolean][] = [
      ["/", (r) => r.body.includes(TITLE)],
      [`/articles/${SLUG}`, (r) => r.status === 200 && r.body.includes(TITLE)],
      ["/categories/movement", (r) => r.body.includes(TITLE)],
      ["/tags/gardening", (r) => r.status === 200 && r.body.includes(TITLE)],
      ["/authors/dana-whitcombe", (r) => r.body.includes(TITLE)],
      ["/feed.xml", (r) => r.body.includes(TITLE)],
      ["/sitemap.xml", (r) => r.body.includes(`/articles/${SLUG}<`)],
      ["/search?q=gardening", (r) => r.body.includes(TITLE)],
    ];
    const seenAfter = new Map<string, number>();
    while (seenAfter.size < where.length) {
      expect(Date.now() - startedAt, `still missing from ${where.filter(([p]) => !seenAfter.has(p)).map(([p]) => p)}`).toBeLessThan(
        20_000 + CEILING_MS,
      );
      for (const [path, shows] of where)
        if (!seenAfter.has(path) && shows(await text(path))) seenAfter.set(path, Math.round((Date.now() - startedAt - 20_000) / 1000));
      await new Promise((r) => setTimeout(r, 1_000));
    }
    // Seconds after its time each page showed it (for the report; the assertion is the ceiling above).
    test.info().annotations.push({ type: "seconds after go-live", description: JSON.stringify(Object.fromEntries(seenAfter)) });
    // Never before its time: the server's clock started 20 s early.
    for (const [path, s] of seenAfter) expect(s, path).toBeGreaterThanOrEqual(-1);
  });
});

test.describe("previews", () => {
  const link = async (kind: Preview.PreviewKind, slug: string, opts: { hours?: number; now?: Date } = {}) => {
    Object.assign(process.env, E2E_ENV);
    const { previewLinkFor } = await load<typeof PreviewLink>("../lib/preview-link.ts");
    const answer = previewLinkFor(kind, slug, opts);
    if ("error" in answer) throw new Error(answer.error);
    return answer.url;
  };

  test("a preview link shows a scheduled article with a banner, noindex and no caching, and nothing else changes", async ({ page }) => {
    // Draft mode renders every page per request: slow on a busy machine, so a generous ceiling.
    test.setTimeout(120_000);
    const url = await link("article", SLUG);
    const response = await page.goto(url);
    expect(new URL(page.url()).pathname).toBe(`/articles/${SLUG}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toMatch(/private/);
    expect(response?.headers()["cache-control"]).toMatch(/no-store/);
    await expect(page.getByRole("status").filter({ hasText: "Preview — not published" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    // The preview is of this article only: a draft next door stays hidden in the same browser.
    expect((await page.goto("/articles/stretching-routine-draft"))?.status()).toBe(404);
    // Never in a list, the feed, the sitemap or search, even for the previewing browser.
    await page.goto("/");
    await expect(page.getByText(TITLE)).toHaveCount(0);
    await page.goto("/search?q=gardening");
    await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
    for (const path of ["/feed.xml", "/sitemap.xml"]) expect(await (await page.request.get(path)).text()).not.toContain(SLUG);
  });

  test("a draft and an unsent newsletter issue can be previewed the same way", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(await link("article", "stretching-routine-draft"));
    await expect(page.getByRole("status").filter({ hasText: "Preview — not published" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "A Five-Minute Morning Stretching Routine" })).toBeVisible();
    // An issue no other spec sends (they send the other two), so it is still unpublished whatever ran first.
    await page.goto(await link("newsletter", "2027-02-sleep-and-your-back"));
    expect(new URL(page.url()).pathname).toBe("/newsletter/archive/2027-02-sleep-and-your-back");
    await expect(page.getByRole("status").filter({ hasText: "Preview — not published" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Sleep and your back: what actually helps" })).toBeVisible();
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  });

  test("expired, altered and foreign links are refused and show nothing", async ({ page }) => {
    test.setTimeout(120_000);
    const expired = await link("article", SLUG, { hours: 1, now: new Date(Date.now() - 2 * 3_600_000) });
    const forged = (await link("article", SLUG)).replace(/token=([^.]+)\.([^.]+)\./, (_, kid, payload) => {
      const body = JSON.parse(Buffer.from(payload, "base64url").toString());
      return `token=${kid}.${Buffer.from(JSON.stringify({ ...body, s: "article:stretching-routine-draft" })).toString("base64url")}.`;
    });
    const { previewLink } = await load<typeof Preview>("../lib/preview.ts");
    const otherKey = previewLink(E2E_ENV.PUBLIC_URL, "another-site-key-that-is-long-enough-32", { kind: "article", slug: SLUG }).url;
    for (const [name, url] of [
      ["expired", expired],
      ["altered", forged],
      ["signed with another key", otherKey],
    ]) {
      const r = await page.request.get(url, { maxRedirects: 0 });
      expect(r.status(), name).toBe(403);
      expect(r.headers()["set-cookie"] ?? "", name).not.toContain("__prerender_bypass");
      expect(await r.json(), name).toMatchObject({ field: "token" });
    }
    expect((await page.goto(`/articles/${SLUG}`))?.status()).toBe(404);
  });
});
