import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { captchaToken, linkIn, unique, waitForMail } from "./support";

// The operator's view of an end-to-end run: the server's log (JSON lines,
// LOG_LEVEL=debug, written to data/e2e-server.log by scripts/e2e-server.sh)
// and /api/metrics. Named to run after the other journeys (files run in name
// order), so the log it reads holds nearly the whole run: no email address,
// signed token or client IP may appear in it in full.
const LOG = "data/e2e-server.log";
const METRICS_TOKEN = process.env.METRICS_TOKEN ?? "e2e-metrics-token-0123456789";
const ARTICLE = "/articles/walking-for-low-back-pain";
const headers = { "content-type": "application/json", origin: BASE_URL };

test("every request has an id, and the log holds no email address, token or client IP", async ({ request, page }) => {
  const page1 = await request.get(ARTICLE);
  expect(page1.headers()["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);

  const commenter = `${unique("logcheck")}@example.com`;
  const comment = await request.post("/api/comments", {
    headers,
    data: JSON.stringify({
      articleSlug: "walking-for-low-back-pain",
      name: "Log Check",
      email: commenter,
      body: "Checking the logs.",
      captchaToken: captchaToken(),
    }),
  });
  expect(comment.status()).toBe(201);
  const commentId = comment.headers()["x-request-id"]!;
  // An invalid one, whose answer names the field: its address must not be logged either.
  const invalid = await request.post("/api/comments", {
    headers,
    data: JSON.stringify({ articleSlug: "walking-for-low-back-pain", email: commenter }),
  });
  expect(invalid.status()).toBe(400);

  const subscriber = `${unique("logsub")}@example.com`;
  const signup = await request.post("/api/newsletter/subscribe", {
    headers,
    data: JSON.stringify({ email: subscriber, firstName: "Logan", captchaToken: captchaToken() }),
  });
  expect(signup.status(), await signup.text()).toBe(202);
  const confirmLink = linkIn(await waitForMail(subscriber, /Please confirm/), "/newsletter/confirm");
  await page.goto(confirmLink);
  await expect(page.getByRole("heading", { name: "Thank you! You're subscribed" })).toBeVisible();
  const token = new URL(confirmLink).searchParams.get("token")!;
  expect(token.length).toBeGreaterThan(20);

  await expect.poll(() => readFileSync(LOG, "utf8").includes(commentId)).toBe(true);
  const log = readFileSync(LOG, "utf8");
  const lines = log.split("\n").filter((l) => l.trim() !== "");
  const records = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
  // Structured: JSON records with a level, a time and a message.
  expect(records.length).toBeGreaterThan(lines.length * 0.9);
  for (const r of records) expect(r).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
  const post = records.find((r) => r.reqId === commentId)!;
  expect(post).toMatchObject({ method: "POST", url: "/api/comments", group: "api-comments", status: 201 });

  for (const secret of [commenter, subscriber, token]) expect(log, `${secret} is in the log`).not.toContain(secret);
  // Nor any other full address from the run (masked ones look like r***@example.com).
  const fullAddresses = log.match(/(?<![\w.*+-])[A-Za-z0-9._%+-]*[A-Za-z0-9._%+-]{2}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g) ?? [];
  expect(fullAddresses.filter((a) => !/\*\*\*@/.test(a))).toEqual([]);
  // Client addresses: every request here comes from loopback, which is kept; no other address is logged in full.
  expect(log.match(/\b(?!127\.0\.0\.1\b)(?!0\.0\.0\.0\b)\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g) ?? []).toEqual([]);
});

test("/api/metrics answers only with the bearer token, and counts requests, comments and signups", async ({ request }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status()).toBe(401);
  await request.get(ARTICLE);
  const r = await request.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(r.status()).toBe(200);
  const body = await r.text();
  expect(body).toMatch(/http_request_duration_seconds_count\{group="article",method="GET",code="2xx"\} [1-9]/);
  expect(body).toMatch(/comments_total\{outcome="(held|published)"\} [1-9]/);
  expect(body).toMatch(/signups_total\{outcome="accepted"\} [1-9]/);
  expect(body).toMatch(/page_cache_lookups_total\{store="file",result="hit"\} [1-9]/);
  expect(body).toMatch(/newsletter_worker_lag_seconds \d/);
  expect(body).toMatch(/newsletter_deliveries\{status="sent"\} \d+|newsletter_queue_depth \d/);
});

test("an unchanged page read again is answered from memory in front of Next, byte for byte (decision 0050)", async ({ request }) => {
  const responseHits = async () => {
    const text = await (await request.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return Number(text.match(/page_cache_lookups_total\{store="response",result="hit"\} (\d+)/)?.[1] ?? 0);
  };
  const before = await responseHits();
  const first = await request.get(ARTICLE);
  expect(first.headers()["x-nextjs-cache"]).toBeDefined();
  // Read until a read comes from memory (a read right after a regeneration goes to Next once more).
  await expect
    .poll(async () => {
      await request.get(ARTICLE);
      return responseHits();
    })
    .toBeGreaterThan(before);
  // Two reads in a row, the second (at least) from memory: the same page and policy, each with its own request id.
  const a = await request.get(ARTICLE);
  const b = await request.get(ARTICLE);
  expect(b.status()).toBe(200);
  expect(await b.text()).toBe(await a.text());
  expect(await b.text()).toContain("<h1>");
  expect(b.headers()["x-request-id"]).not.toBe(a.headers()["x-request-id"]);
  expect(b.headers()["content-security-policy"]).toBe(a.headers()["content-security-policy"]);
});
