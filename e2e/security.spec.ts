// The holes found by attacking the site (issue #11), kept closed: each test
// is an attack as someone on the internet would try it against the running
// production build.
import { spawnSync } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { connect } from "node:net";
import Database from "better-sqlite3";
import fc from "fast-check";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { BASE_URL, LOCAL_PORT } from "../playwright.config";
import { captchaToken, unique } from "./support";

const ORIGIN = BASE_URL;
const rows = () => {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return {
      comments: count("Comment"),
      subscribers: count("Subscriber"),
      campaigns: count("Campaign"),
      suppressions: count("Suppression"),
    };
  } finally {
    db.close();
  }
};

test("every kind of response carries the security headers, and pages a script policy without unsafe-inline", async ({ request }) => {
  const article = await request.get("/articles/posture-myths");
  const asset = (await article.text()).match(/\/_next\/static\/[^"]+\.js/)![0];
  const cases: [string, string][] = [
    ["/", "static page"],
    ["/articles/posture-myths", "article"],
    ["/newsletter/signup?result=check-inbox", "page rendered per request"],
    ["/no-such-page", "404"],
    ["/api/health", "JSON API"],
    ["/api/comments/stop-replies?token=x.y", "HTML from a route handler"],
    [asset, "script asset"],
    ["/images/articles/sleep.svg", "image"],
  ];
  for (const [path, what] of cases) {
    const h = (await request.get(path)).headers();
    expect(h["x-content-type-options"], what).toBe("nosniff");
    expect(h["x-frame-options"], what).toBe("DENY");
    expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
    expect(h["cross-origin-opener-policy"], what).toBe("same-origin");
    expect(h["cross-origin-resource-policy"], what).toBe(path.startsWith("/images/") ? "cross-origin" : "same-origin");
    if (["static page", "article", "page rendered per request", "HTML from a route handler"].includes(what)) {
      const csp = h["content-security-policy"];
      expect(csp, what).toBeTruthy();
      const script =
        csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? csp.split(";").find((d) => d.trim().startsWith("default-src"))!;
      expect(script, what).not.toContain("unsafe-inline");
      expect(script, what).not.toContain("unsafe-eval");
      expect(csp, what).toContain("frame-ancestors 'none'");
    }
  }
  // HSTS is for production over https only; this is local mode on http.
  expect((await request.get("/")).headers()["strict-transport-security"]).toBeUndefined();
});

test("pages run their own scripts under their policy, and nothing is blocked", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  for (const path of ["/", "/articles/posture-myths", "/newsletter", "/newsletter/signup?result=check-inbox", "/products"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  // The article's forms are live (their script ran): the captcha widget was drawn.
  await page.goto("/articles/posture-myths");
  await expect(page.locator("#respond").getByLabel("I am not a robot")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a huge or endless body is refused without being read, on every route that reads one", async ({ request }) => {
  const big = "token=" + "x".repeat(2_000_000);
  const bigJson = JSON.stringify({ token: "x".repeat(2_000_000) });
  // Every POST route, each with a content type it accepts; the console's are refused before any session
  // check (a signed-out client cannot make the server read more than the cap either).
  const form = [
    "/api/comments/stop-replies",
    "/api/comments",
    "/api/comments/confirm-browser",
    "/api/newsletter/subscribe",
    "/api/newsletter/preferences",
    "/api/newsletter/unsubscribe",
    "/api/newsroom/sign-in",
    "/api/newsroom/session",
    "/api/newsroom/sign-out",
    "/api/newsroom/sessions",
    "/api/newsroom/comments",
    "/api/newsroom/comments/block",
    "/api/newsroom/comments/block-range",
    "/api/newsroom/comments/unblock-range",
    "/api/newsroom/comments/edit",
    "/api/newsroom/comments/reply",
    "/api/newsroom/editors",
    "/api/newsroom/editors/remove",
    "/api/newsroom/passkeys/remove",
    "/api/newsroom/subscribers/export",
    "/api/newsroom/subscribers/some-id",
    "/api/newsroom/newsletters/2027-01-new-year-reset/send",
    "/api/newsroom/newsletters/2027-01-new-year-reset/test",
    "/api/newsroom/newsletters/campaigns/some-id",
  ];
  const json = [
    "/api/revalidate",
    "/api/newsroom/passkey-sign-in",
    "/api/newsroom/passkey-sign-in/options",
    "/api/newsroom/passkeys",
    "/api/newsroom/passkeys/options",
    "/api/webhooks/resend",
    "/api/webhooks/ses",
  ];
  for (const path of form) {
    const r = await request.post(path, { data: big, headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
    expect(r.status(), path).toBe(413);
  }
  for (const path of json) {
    const r = await request.post(path, { data: bigJson, headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(r.status(), path).toBe(413);
  }
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("a client that trickles its request is cut off", async () => {
  test.setTimeout(150_000);
  const port = Number(new URL(BASE_URL).port);
  const closedAfter = await new Promise<number>((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, "127.0.0.1", () => socket.write("POST /api/comments HTTP/1.1\r\nHost: localhost\r\n"));
    socket.resume(); // read (and drop) the 408, so the close is seen
    socket.on("close", () => resolve(Date.now() - started));
    socket.on("error", () => resolve(Date.now() - started));
    setTimeout(() => reject(new Error("the server kept a half-sent request open for two minutes")), 120_000).unref();
  });
  expect(closedAfter).toBeLessThan(120_000);
});

test("invented newsletter archive slugs answer 404 and store nothing", async ({ request }) => {
  const dir = ".next/server/app/newsletter/archive";
  const before = existsSync(dir) ? readdirSync(dir).length : 0;
  for (let i = 0; i < 25; i++) expect((await request.get(`/newsletter/archive/${unique("made-up")}`)).status()).toBe(404);
  expect(existsSync(dir) ? readdirSync(dir).length : 0).toBe(before);
});

test("a request cannot choose its own client address: the consent record keeps the real one", async ({ request }) => {
  const email = `${unique("ip")}@example.com`;
  const r = await request.post("/api/newsletter/subscribe", {
    data: { email, captchaToken: captchaToken(), source: "newsletter-page" },
    headers: { origin: ORIGIN, "x-forwarded-for": "9.9.9.9, 8.8.4.4", "x-real-ip": "1.1.1.1", "x-spine-client-ip": "8.8.8.8" },
  });
  expect(r.status()).toBe(202);
  const db = new Database("data/e2e.db", { readonly: true });
  const row = db
    .prepare(`SELECT "consentIp" FROM "Subscriber" WHERE "emailHash" = (SELECT "emailHash" FROM "Subscriber" WHERE "email" = ?)`)
    .get(email) as { consentIp: string };
  db.close();
  expect(row.consentIp).toBe("127.0.0.0");
});

test("an Origin that matches a forged Host is refused (DNS rebinding)", async ({ request }) => {
  const r = await request.post("/api/newsletter/subscribe", {
    data: { email: `${unique("rebind")}@example.com` },
    headers: { origin: `http://rebind.example:${new URL(BASE_URL).port}`, host: `rebind.example:${new URL(BASE_URL).port}` },
  });
  expect(r.status()).toBe(403);
});

test("local mode cannot be reached from the network", async () => {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === "IPv4")
    .map((a) => a!.address);
  test.skip(addresses.length === 0, "this machine has no non-loopback address");
  for (const port of [Number(new URL(BASE_URL).port), LOCAL_PORT]) {
    const outcome = await new Promise<string>((resolve) => {
      const s = connect(port, addresses[0], () => {
        s.destroy();
        resolve("connected");
      });
      s.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
    });
    expect(outcome, `${addresses[0]}:${port}`).toBe("ECONNREFUSED");
  }
});

test("production refuses to start with the public built-in secret, or without server.ts", () => {
  const env = {
    ...process.env,
    APP_MODE: "production",
    PUBLIC_URL: "https://backinmotion.example",
    SMTP_URL: "smtp://127.0.0.1:1",
    MAIL_FROM: "Back in Motion <news@backinmotion.example>",
    CAPTCHA_PROVIDER: "off",
    SECRET_KEY: "local-mode-secret-not-for-production-use-000",
    PORT: "3299",
  };
  const r = spawnSync("node", ["--import", "tsx", "server.ts"], { env, encoding: "utf8", timeout: 60_000 });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("SECRET_KEY is the built-in local key");
});

// Property-based fuzzing: whatever a client sends to a state-changing
// route, the answer is never a server error, and invalid input stores
// nothing. Origins, content types and bodies are generated.
const routes = [
  "/api/comments",
  "/api/newsletter/subscribe",
  "/api/newsletter/preferences",
  "/api/newsletter/unsubscribe",
  "/api/comments/stop-replies",
  "/api/comments/confirm-browser",
  "/api/revalidate",
];
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("value"), { maxKeys: 5 }),
  ),
})).value;
const fieldNames = fc.constantFrom(
  "articleSlug",
  "name",
  "email",
  "body",
  "token",
  "action",
  "firstName",
  "captchaToken",
  "parentId",
  "website",
  "source",
  "confirm",
  "__proto__",
  "constructor",
);
const body = fc.oneof(
  fc.dictionary(fieldNames, jsonValue, { maxKeys: 8 }).map((o) => ({ type: "application/json", data: JSON.stringify(o) })),
  fc
    .dictionary(fieldNames, fc.string({ maxLength: 300 }), { maxKeys: 8 })
    .map((o) => ({ type: "application/x-www-form-urlencoded", data: new URLSearchParams(o as Record<string, string>).toString() })),
  fc.string({ maxLength: 500 }).map((s) => ({
    type: fc.sample(fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", ""), 1)[0],
    data: s,
  })),
);

async function fire(request: APIRequestContext, route: string, b: { type: string; data: string }, origin: string | undefined) {
  const headers: Record<string, string> = {};
  if (b.type) headers["content-type"] = b.type;
  if (origin) headers.origin = origin;
  return request.post(route, { data: b.data, headers, failOnStatusCode: false, maxRedirects: 0 });
}

test("fuzzed requests to every state-changing route: never a 5xx, and invalid ones change nothing", async ({ request }) => {
  test.setTimeout(180_000);
  const before = rows();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes),
      body,
      fc.constantFrom(ORIGIN, "https://evil.example", undefined),
      async (route, b, origin) => {
        const r = await fire(request, route, b, origin);
        expect(r.status(), `${route} ${b.type} ${b.data.slice(0, 120)}`).toBeLessThan(500);
      },
    ),
    { numRuns: 300 },
  );
  // Random input never made a valid comment, signup, campaign or unsubscribe.
  expect(rows()).toEqual(before);
});

// What people try to run through the forms. Every one must come back as
// text in a real browser, and none may execute.
const XSS = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=1">`,
  `<svg onload="window.__xss=1">`,
  `"><script>window.__xss=1</script>`,
  `'><img src=x onerror=window.__xss=1>`,
  `<a href="javascript:window.__xss=1">click</a>`,
  `javascript:window.__xss=1`,
  `<iframe srcdoc="<script>parent.__xss=1</script>">`,
  `<details open ontoggle="window.__xss=1">`,
  `</textarea><script>window.__xss=1</script>`,
  `{{constructor.constructor('window.__xss=1')()}}`,
  `\${alert(1)} <style>body{display:none}</style>`,
  `*<img src=x onerror=window.__xss=1>*`,
  `https://example.org/"><script>window.__xss=1</script>`,
];

test("script payloads typed into the comment form show as text and never run", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { editor, pendingCommentId } = await import("./support");
  const marker = unique("xss");
  for (const [i, payload] of XSS.entries()) {
    const r = await request.post("/api/comments", {
      data: {
        articleSlug: "tech-neck",
        name: `Tester ${i} <b onmouseover=window.__xss=1>`,
        email: `${marker}-${i}@example.com`,
        body: `${marker} ${i}: ${payload}`,
        captchaToken: captchaToken(),
      },
      headers: { origin: ORIGIN },
    });
    expect(r.status(), payload).toBe(201);
    await editor("approve", await pendingCommentId(`${marker} ${i}:`));
  }
  await page.addInitScript(() =>
    Object.defineProperty(window, "__xss", { set: () => ((window as unknown as { __ran: boolean }).__ran = true) }),
  );
  await page.goto("/articles/tech-neck");
  await expect(page.getByText(`${marker} 0:`)).toBeVisible();
  // Shown as typed, except that *stars* around words mean emphasis (as text, too).
  for (const [i, payload] of XSS.entries())
    await expect(page.getByText(`${marker} ${i}: ${payload.replace(/^\*(.*)\*$/, "$1")}`.trim(), { exact: false })).toHaveCount(1);
  await page.locator("#comments").hover();
  expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran ?? false)).toBe(false);
  expect(await page.locator("#comments script, #comments iframe, #comments svg[onload], #comments img[onerror]").count()).toBe(0);
});
