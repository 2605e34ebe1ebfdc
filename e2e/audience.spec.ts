import { expect, test } from "@playwright/test";
import { tsImport } from "tsx/esm/api";
import { statsCli } from "./support";

// Counting clicks without tracking people (issue #18): product links go
// through /go/ and newsletter links through /r/; both redirect with 302,
// count only what a person's browser does, and never send anyone to an
// address of the caller's choosing.
const ARTICLE = "sleeping-positions-for-back-pain";
const PRODUCT = "contour-sleep-pillow";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const countOf = (out: string, line: RegExp) =>
  Number(
    out
      .split("\n")
      .find((l) => line.test(l))
      ?.trim()
      .split(/\s+/)[0] ?? 0,
  );

test("an article's product links go through /go/ with the article, as plain sponsored-nofollow links", async ({ page }) => {
  await page.goto(`/articles/${ARTICLE}`);
  const links = page.locator(`a[href^="/go/${PRODUCT}"]`);
  expect(await links.count()).toBeGreaterThan(0);
  for (const a of await links.all()) {
    expect(await a.getAttribute("href")).toBe(`/go/${PRODUCT}?from=${ARTICLE}`);
    expect(await a.getAttribute("rel")).toMatch(/\bnofollow\b/);
  }
  // No product URL is linked directly any more: every click is counted.
  expect(await page.locator('a[href^="https://shop.example.com/"]').count()).toBe(0);
});

test("/go/ counts a person's click per product and article and redirects to the product; machines and strangers change nothing", async ({
  request,
}) => {
  const before = await statsCli("products");
  const pair = new RegExp(`${PRODUCT} in ${ARTICLE}$`);
  const go = (path: string, headers: Record<string, string> = { "user-agent": BROWSER }) => request.get(path, { maxRedirects: 0, headers });

  const r = await go(`/go/${PRODUCT}?from=${ARTICLE}`);
  expect(r.status()).toBe(302);
  expect(r.headers()["location"]).toBe(`https://shop.example.com/${PRODUCT}`);
  expect(r.headers()["set-cookie"]).toBeUndefined();
  // A crawler and a HEAD request are redirected too, but not counted.
  expect((await go(`/go/${PRODUCT}?from=${ARTICLE}`, { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" })).status()).toBe(302);
  expect((await request.head(`/go/${PRODUCT}?from=${ARTICLE}`, { maxRedirects: 0, headers: { "user-agent": BROWSER } })).status()).toBe(
    302,
  );
  // Never an open redirect: the destination comes from the catalogue only.
  const odd = await go(`/go/${PRODUCT}?from=https://evil.example/&url=https://evil.example/`);
  expect(odd.headers()["location"]).toBe(`https://shop.example.com/${PRODUCT}`);
  expect((await go("/go/no-such-product")).status()).toBe(404);
  expect((await go("/go/https%3A%2F%2Fevil.example")).status()).toBe(404);

  await expect.poll(async () => countOf(await statsCli("products"), pair), { timeout: 10_000 }).toBe(countOf(before, pair) + 1);
});

test("/r/ follows only signed newsletter links, counting a person's click per campaign and link", async ({ request }) => {
  const options = { parentURL: import.meta.url, tsconfig: "tsconfig.scripts.json" };
  const { clickToken } = (await tsImport("../lib/audience/clicks.ts", options)) as typeof import("../lib/audience/clicks");
  const { signingKeys } = (await tsImport("../lib/security/keys.ts", options)) as typeof import("../lib/security/keys");
  const { db } = (await tsImport("../lib/db/index.ts", options)) as typeof import("../lib/db/index");
  const campaign = `c${Date.now().toString(16)}`;
  // A campaign row for the report to name (cancelled, so no archive page lists it).
  await db().campaign.create({
    data: {
      id: campaign,
      newsletterSlug: `e2e-clicks-${campaign}`,
      subject: "Clicks",
      html: "",
      text: "",
      status: "cancelled",
      sendAt: new Date(),
      recipientCount: 0,
    },
  });
  const target = "https://shop.example.com/contour-sleep-pillow?utm_source=newsletter";
  const token = clickToken(signingKeys(), campaign, target);
  const longAgo = Math.floor(Date.now() / 1000 - 3600).toString(36);
  const justNow = Math.floor(Date.now() / 1000).toString(36);
  const r = (path: string, ua = BROWSER) => request.get(path, { maxRedirects: 0, headers: { "user-agent": ua } });

  const click = await r(`/r/${token}?t=${longAgo}`);
  expect(click.status()).toBe(302);
  expect(click.headers()["location"]).toBe(target);
  // A mail scanner fetching the link seconds after delivery, a bot, a HEAD: redirected, not counted.
  expect((await r(`/r/${token}?t=${justNow}`)).status()).toBe(302);
  expect((await r(`/r/${token}?t=${longAgo}`, "Mimecast URL Protect")).status()).toBe(302);
  expect((await request.head(`/r/${token}?t=${longAgo}`, { maxRedirects: 0, headers: { "user-agent": BROWSER } })).status()).toBe(302);
  // A changed or made-up token goes nowhere.
  expect((await r(`/r/${token.slice(0, -3)}abc`)).status()).toBe(404);
  expect((await r(`/r/https%3A%2F%2Fevil.example`)).status()).toBe(404);

  await expect
    .poll(async () => (await statsCli("campaign", campaign).catch((e: Error) => e.message)).includes(`      1  ${target}`), {
      timeout: 10_000,
    })
    .toBe(true);
});

test("a relay's signed bounce over HTTP suppresses the address; forged, unsigned, malformed and unknown calls are 4xx and change nothing", async ({
  request,
}) => {
  const options = { parentURL: import.meta.url, tsconfig: "tsconfig.scripts.json" };
  const { resendCall, resendBounce } = (await tsImport(
    "../lib/testing/webhook-fixtures.ts",
    options,
  )) as typeof import("../lib/testing/webhook-fixtures");
  const { emailHash } = (await tsImport("../lib/newsletter/address.ts", options)) as typeof import("../lib/newsletter/address");
  const { db } = (await tsImport("../lib/db/index.ts", options)) as typeof import("../lib/db/index");
  // The secret scripts/e2e-server.sh gives the server.
  const SECRET = "whsec_ZTJlLXJlc2VuZC13ZWJob29rLXNpZ25pbmcta2V5ISE=";
  const email = `bounce-${Date.now().toString(36)}@example.com`;
  await db().subscriber.create({ data: { email, emailHash: emailHash(email), status: "confirmed" } });
  const state = async () => ({
    events: await db().mailEvent.count(),
    suppressed: await db().suppression.count(),
    mine: await db().suppression.findUnique({ where: { emailHash: emailHash(email) } }),
  });
  // A Buffer is sent byte for byte; a string with a JSON content type would be serialised again, breaking the signature.
  const post = (path: string, body: string, headers: Record<string, string>) => request.post(path, { data: Buffer.from(body), headers });
  const before = await state();

  const good = resendCall(SECRET, resendBounce({ to: [email] }));
  const json = { "content-type": "application/json" };
  const refused: [string, string, Record<string, string>, number][] = [
    ["/api/webhooks/resend", good.body, json, 401], // unsigned
    ["/api/webhooks/resend", good.body.replace(email, "someone-else@example.com"), { ...good.headers, ...json }, 401], // tampered
    [
      "/api/webhooks/resend",
      good.body,
      {
        ...resendCall("whsec_" + Buffer.from("another-secret-of-24-bytes!!").toString("base64"), {}, { body: good.body }).headers,
        ...json,
      },
      401,
    ], // another key
    ["/api/webhooks/resend", good.body, { ...good.headers, "content-type": "application/x-www-form-urlencoded" }, 415],
    ["/api/webhooks/postmark", good.body, { ...good.headers, ...json }, 404], // not configured here
    ["/api/webhooks/nobody", "{}", json, 404],
  ];
  for (const [path, body, headers, status] of refused) expect((await post(path, body, headers)).status(), `${path} ${status}`).toBe(status);
  const malformed = resendCall(SECRET, {}, { body: "{not json" });
  const r400 = await post("/api/webhooks/resend", malformed.body, { ...malformed.headers, ...json });
  expect(r400.status()).toBe(400);
  expect((await r400.json()).error).toMatch(/format/);
  expect(await state()).toEqual(before);

  const ok = await post("/api/webhooks/resend", good.body, { ...good.headers, ...json });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ recorded: 1, duplicate: 0, unmatched: 0 });
  expect((await state()).mine?.reason).toMatch(/bounce/);
  // The relay retries: the same call again is a duplicate, not a second event.
  expect(await (await post("/api/webhooks/resend", good.body, { ...good.headers, ...json })).json()).toEqual({
    recorded: 0,
    duplicate: 1,
    unmatched: 0,
  });
  expect((await state()).events).toBe(before.events + 1);
});
