import { expect, test } from "@playwright/test";

const UNPUBLISHED = ["stretching-routine-draft", "future-piece"];
const PUBLISHED = ["posture-myths", "core-exercises-for-back-pain", "lifting-without-fear"];

test("sitemap.xml lists published articles only", async ({ request }) => {
  const r = await request.get("/sitemap.xml");
  expect(r.status()).toBe(200);
  const xml = await r.text();
  for (const s of PUBLISHED) expect(xml).toContain(`/articles/${s}</loc>`);
  for (const s of UNPUBLISHED) expect(xml).not.toContain(s);
  expect(xml).not.toContain("bench-baseline");
});

test("robots.txt allows the site and points to the sitemap", async ({ request }) => {
  const txt = await (await request.get("/robots.txt")).text();
  expect(txt).toContain("User-Agent: *");
  expect(txt).toMatch(/Sitemap: http:\/\/localhost:\d+\/sitemap\.xml/);
});

test("the RSS feed lists published articles only", async ({ request }) => {
  const r = await request.get("/feed.xml");
  expect(r.status()).toBe(200);
  expect(r.headers()["content-type"]).toContain("application/rss+xml");
  const xml = await r.text();
  expect(xml).toContain("<title><![CDATA[Posture and Back Pain]]></title>");
  for (const s of PUBLISHED) expect(xml).toContain(`/articles/${s}`);
  for (const s of UNPUBLISHED) expect(xml).not.toContain(s);
});

test("health answers 200 without leaking the connection string", async ({ request }) => {
  const r = await request.get("/api/health");
  expect(r.status()).toBe(200);
  const body = await r.json();
  expect(body).toEqual({ status: "ok", database: "sqlite", pageCache: "file" });
  expect(JSON.stringify(body)).not.toContain("e2e.db");
});
