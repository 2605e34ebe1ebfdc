import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { captchaToken, editorsCli, hydrated, linkIn, mailTo, unique, waitForMail } from "./support";

// The newsroom on the production build, with a real SMTP server catching
// the sign-in links (this server has SMTP_URL, so nobody is signed in
// automatically: that is local mode without mail, tested in local-mailbox.spec.ts).

const ARTICLE = "sleeping-positions-for-back-pain";

// Each journey signs in by email and loads several console pages; the default 30 s is tight on a busy machine.
test.describe.configure({ timeout: 120_000 });

async function newEditor(role: "moderator" | "editor" | "admin", name = "Robin Vale") {
  const email = `${unique(role)}@example.org`;
  await editorsCli("add", email, "--role", role, "--name", name, "--credentials", "PT, DPT", "--badge", "medical-reviewer");
  return email;
}

async function signIn(page: Page, email: string) {
  await page.goto("/newsroom/sign-in");
  await page.getByLabel("Your email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("If that address belongs to an editor, a sign-in link is on its way")).toBeVisible();
  const mail = await waitForMail(email, /Sign in to the .* newsroom/);
  const link = linkIn(mail, "/newsroom/sign-in/link");
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  return link;
}

async function postComment(body: string) {
  const r = await fetch(`${BASE_URL}/api/comments`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE_URL },
    body: JSON.stringify({
      articleSlug: ARTICLE,
      name: "Jordan Pike",
      email: `${unique("reader")}@example.com`,
      body,
      captchaToken: captchaToken(),
    }),
  });
  expect(r.status).toBe(201);
}

test("an editor signs in with the link from their inbox; the link works once; unknown addresses get the same answer", async ({
  page,
  browser,
}) => {
  const email = await newEditor("editor");
  const link = await signIn(page, email);
  const response = await page.goto("/newsroom");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");

  // Used once: opening it again offers nothing.
  await page.goto(link);
  await expect(page.getByText("This sign-in link has already been used")).toBeVisible();

  // An address that is no editor: the same answer, and no mail.
  const stranger = await browser.newPage({ baseURL: BASE_URL });
  await stranger.goto("/newsroom/sign-in");
  await stranger.getByLabel("Your email address").fill(`${unique("nobody")}@example.org`);
  await stranger.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(stranger.getByText("If that address belongs to an editor, a sign-in link is on its way")).toBeVisible();

  // A fresh link opened in another browser asks to confirm there.
  await page.context().clearCookies();
  await page.goto("/newsroom/sign-in");
  await page.getByLabel("Your email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect.poll(async () => (await mailTo(email)).length).toBe(2);
  const second = linkIn((await mailTo(email))[1], "/newsroom/sign-in/link");
  await stranger.goto(second);
  await expect(stranger.getByText("This link was asked for in another browser")).toBeVisible();
  await stranger.getByRole("button", { name: "Yes, sign in on this browser" }).click();
  await expect(stranger.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // Sessions are listed; "sign out everywhere" ends both.
  await stranger.goto("/newsroom/account");
  // This browser's session and the first one's (its cookie was cleared, the session was not ended).
  await expect(stranger.locator("tbody tr")).toHaveCount(2);
  await stranger.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(stranger.getByText("You are signed out")).toBeVisible();
  await stranger.close();
});

test("a moderator clears the queue with the keyboard and the article page shows the result", async ({ page }) => {
  const keep = `Side sleeping with a pillow between the knees helped me. ${unique("keep")}`;
  const drop = `Visit my shop for cheap pills ${unique("drop")}`;
  await postComment(keep);
  await postComment(drop);
  await signIn(page, await newEditor("moderator"));
  await page.goto("/newsroom/comments");
  const items = page.locator("[data-queue-item]");
  await expect(items.first()).toContainText(drop);
  await expect(items.nth(1)).toContainText(keep);
  await expect(items.first()).toContainText("Why it is here: first comment from this email");

  // The keys work once the page's script has run (a key pressed before that is lost): wait for hydration,
  // then press k, which stays on the first comment however often it is pressed, until that has focus.
  await hydrated(page, "#queue-status");
  await expect(async () => {
    await page.keyboard.press("k");
    await expect(items.first()).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await page.keyboard.press("j");
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("d");
  await expect(items.first()).toBeHidden();
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("a");
  await expect(items.nth(1)).toBeHidden();
  await expect(page.locator("#queue-status")).toContainText("Approved: 1 comment");

  await expect(async () => {
    await page.goto(`/articles/${ARTICLE}`);
    await expect(page.getByText(keep)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByText(drop)).toHaveCount(0);
});

test("a reply as the publication shows the editor's name, credentials and badge on the article", async ({ page }) => {
  const question = `Is it fine to sleep on my stomach? ${unique("q")}`;
  await postComment(question);
  await signIn(page, await newEditor("moderator", "Dr. Lena Ortiz"));
  await page.goto("/newsroom/comments");
  const item = page.locator("[data-queue-item]", { hasText: question });
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved: 1 comment")).toBeVisible();
  await page.goto("/newsroom/comments?status=approved");
  const approved = page.locator("[data-queue-item]", { hasText: question });
  await approved.getByText("Reply as the publication").click();
  await approved.getByLabel(/Your reply/).fill("Usually not ideal for the lower back; try a thin pillow under the hips.");
  await approved.getByRole("button", { name: "Publish the reply" }).click();
  await expect(page.getByText(/Reply published/)).toBeVisible();
  await expect(async () => {
    await page.goto(`/articles/${ARTICLE}`);
    const reply = page.locator(".comment-staff", { hasText: "thin pillow under the hips" });
    await expect(reply).toContainText("Dr. Lena Ortiz, PT, DPT", { timeout: 1_000 });
    await expect(reply).toContainText("Medical reviewer");
  }).toPass({ timeout: 10_000 });
});

test("a moderator blocks an IP range: bad or too wide ranges are refused with a message, comments from the range go to spam", async ({
  page,
}) => {
  await signIn(page, await newEditor("moderator"));
  await page.goto("/newsroom/comments");
  const block = async (range: string) => {
    await page.getByLabel("IP range to block").fill(range);
    await page.getByRole("button", { name: "Block this range" }).click();
  };
  await block("10.0.0.0/4");
  await expect(page.getByRole("alert").filter({ hasText: "/4 is too wide" })).toContainText("/8 or narrower");
  await block("2001:db8::/16");
  await expect(page.getByRole("alert").filter({ hasText: "/16 is too wide" })).toContainText("/32 or narrower");
  await block("banana");
  await expect(page.getByRole("alert").filter({ hasText: "That is not an IP range" })).toContainText("203.0.113.0/24");
  // This machine's own addresses (the test posts from loopback), lifted again in any case below.
  const { default: Database } = await import("better-sqlite3");
  try {
    // The notice names no range: notices travel in the redirect's address, and request logs keep no IP address.
    await block("127.0.0.9/8");
    await expect(page.getByText("Range blocked: comments from it go to spam")).toBeVisible();
    await block("::1");
    await expect(page.getByText("Range blocked: comments from it go to spam")).toBeVisible();
    await expect(page.locator("#blocked-ranges + p + ul")).toContainText("127.0.0.0/8");
    const spam = `From a blocked range ${unique("range")}`;
    await postComment(spam);
    await page.goto("/newsroom/comments?status=spam");
    await expect(page.locator("[data-queue-item]", { hasText: spam })).toBeVisible();
    await page.getByRole("button", { name: "Unblock 127.0.0.0/8" }).click();
    await expect(page.getByText("Range unblocked")).toBeVisible();
    await expect(page.getByRole("button", { name: "Unblock 127.0.0.0/8" })).toHaveCount(0);
    await page.getByRole("button", { name: "Unblock ::1" }).click();
    await expect(page.getByRole("button", { name: "Unblock ::1" })).toHaveCount(0);
    const held = `After the range was lifted ${unique("range")}`;
    await postComment(held);
    await page.goto("/newsroom/comments");
    await expect(page.locator("[data-queue-item]", { hasText: held })).toBeVisible();
  } finally {
    const db = new Database("data/e2e.db", { fileMustExist: true });
    db.prepare(`DELETE FROM "CommenterBlock" WHERE "network" IN ('127.0.0.0/8', '::1')`).run();
    db.close();
  }
});

test("a moderator cannot open admin pages or call admin APIs", async ({ page }) => {
  await signIn(page, await newEditor("moderator"));
  await expect(page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Editors" })).toHaveCount(0);
  for (const path of ["/newsroom/editors", "/newsroom/audit"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/newsroom\/forbidden$/);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  const r = await page.request.post("/api/newsroom/editors", {
    headers: { origin: BASE_URL },
    form: { email: `${unique("sneaky")}@example.org`, role: "admin" },
  });
  expect(r.status()).toBe(403);
});

test("an admin adds an editor and sees it in the audit log", async ({ page }) => {
  await signIn(page, await newEditor("admin", "Sam Admin"));
  await page.goto("/newsroom/editors");
  const email = `${unique("newhire")}@example.org`;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Name shown on their replies").fill("Casey Newhire");
  await page.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Add editor" }).click();
  await expect(page.getByText("Added Casey Newhire as editor")).toBeVisible();
  await expect(page.getByRole("row", { name: /Casey Newhire/ })).toContainText("Editor");
  await expect(page.getByText(email)).toHaveCount(0);
  await page.goto("/newsroom/audit");
  const row = page.getByRole("row").filter({ hasText: "editor.add" }).filter({ hasText: "Casey Newhire" });
  await expect(row).toContainText("Sam Admin");
});

test("signed out, every console page and API answers with a redirect or 401 and no data", async ({ page, request }) => {
  const secret = `Secret held comment ${unique("crawl")}`;
  await postComment(secret);
  const pages = [
    "/newsroom",
    "/newsroom/comments",
    "/newsroom/comments?status=spam",
    "/newsroom/account",
    "/newsroom/editors",
    "/newsroom/audit",
    "/newsroom/forbidden",
    "/newsroom/subscribers",
    "/newsroom/newsletters",
  ];
  for (const path of pages) {
    const r = await page.goto(path);
    expect(r?.status(), path).toBeLessThan(500);
    expect(page.url(), path).toMatch(/\/newsroom\/sign-in$|\/newsroom\/(subscribers|newsletters)$/);
    const html = await page.content();
    expect(html, path).not.toContain(secret);
    expect(html, path).not.toContain("@example.org");
    if (!page.url().endsWith("/newsroom/sign-in")) expect(r?.status(), path).toBe(404);
  }
  const apis = [
    "/api/newsroom/comments",
    "/api/newsroom/comments/edit",
    "/api/newsroom/comments/reply",
    "/api/newsroom/comments/block",
    "/api/newsroom/editors",
    "/api/newsroom/editors/remove",
    "/api/newsroom/sessions",
    "/api/newsroom/sign-out",
    "/api/newsroom/passkeys",
    "/api/newsroom/passkeys/options",
    "/api/newsroom/passkeys/remove",
    "/api/newsroom/comments/block-range",
    "/api/newsroom/comments/unblock-range",
  ];
  for (const path of apis) {
    const r = await request.post(path, {
      headers: { origin: BASE_URL, "content-type": "application/json" },
      data: JSON.stringify({ id: "x", single: "approve:x" }),
    });
    expect(r.status(), path).toBe(401);
    expect(await r.text(), path).not.toContain(secret);
  }
  // A forged session cookie is no session.
  const forged = await request.get("/newsroom/comments", {
    headers: { cookie: "newsroom_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    maxRedirects: 0,
  });
  expect([303, 307, 308]).toContain(forged.status());
  // And from another site, a signed-in-looking POST is refused before anything else.
  const crossSite = await request.post("/api/newsroom/comments", {
    headers: { origin: "https://evil.example" },
    form: { single: "approve:x" },
  });
  expect(crossSite.status()).toBe(403);
});

const CONSOLE_PAGES = [
  "/newsroom",
  "/newsroom/comments",
  "/newsroom/comments?status=approved",
  "/newsroom/account",
  "/newsroom/editors",
  "/newsroom/audit",
  "/newsroom/stats",
  "/newsroom/stats?since=not-a-day",
];

test("console pages have no accessibility violations", async ({ page }) => {
  // axe takes seconds per page when the machine is shared; the rule checks do not depend on it.
  test.setTimeout(300_000);
  await postComment(`A held comment for the accessibility check ${unique("axe")}`);
  await page.goto("/newsroom/sign-in");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await signIn(page, await newEditor("admin"));
  for (const path of CONSOLE_PAGES) {
    await page.goto(path);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  }
});

test("console pages work at phone width without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, await newEditor("admin"));
  for (const path of CONSOLE_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("navigation", { name: "Newsroom" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways at 390px`).toBeLessThanOrEqual(0);
  }
});

test("signed in as an admin, garbage sent to every console API is a 4xx and changes nothing", async ({ page }) => {
  await signIn(page, await newEditor("admin", "Garbage Tester"));
  const { default: Database } = await import("better-sqlite3");
  const counts = () => {
    const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
    try {
      return ["AuditEntry", "Comment", "Editor", "Campaign", "Subscriber", "CommenterBlock"].map(
        (t) => (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n,
      );
    } finally {
      db.close();
    }
  };
  const before = counts();
  const apis = [
    "/api/newsroom/comments",
    "/api/newsroom/comments/edit",
    "/api/newsroom/comments/reply",
    "/api/newsroom/comments/block",
    "/api/newsroom/comments/block-range",
    "/api/newsroom/comments/unblock-range",
    "/api/newsroom/editors",
    "/api/newsroom/editors/remove",
    "/api/newsroom/sessions",
    "/api/newsroom/passkeys",
    "/api/newsroom/passkeys/remove",
    "/api/newsroom/newsletters/2027-01-new-year-reset/send",
    "/api/newsroom/newsletters/campaigns/not-a-campaign",
    "/api/newsroom/subscribers/not-a-subscriber",
  ];
  const bodies: { data: string; type: string }[] = [
    { data: "{", type: "application/json" },
    {
      data: JSON.stringify({ id: 42, single: ["approve"], ids: "x".repeat(5000), role: "owner", email: "not an address" }),
      type: "application/json",
    },
    { data: JSON.stringify({ a: { b: { c: { d: { e: { f: { g: { h: { i: { j: { k: 1 } } } } } } } } } } }), type: "application/json" },
    { data: "single=explode%3Ax&text=%00%01&command=self-destruct", type: "application/x-www-form-urlencoded" },
    { data: "<xml/>", type: "application/xml" },
  ];
  for (const path of apis)
    for (const body of bodies) {
      const r = await page.request.post(path, {
        headers: { origin: BASE_URL, "content-type": body.type, accept: "application/json" },
        data: body.data,
        maxRedirects: 0,
      });
      // A plain form post is answered by a redirect back to its page with a message; anything else by a 4xx.
      const ok = (r.status() >= 400 && r.status() < 500) || (r.status() === 303 && /[?&]error=/.test(r.headers().location ?? ""));
      expect(ok, `${path} ${body.type} ${body.data.slice(0, 40)} → ${r.status()} ${r.headers().location ?? ""}`).toBe(true);
    }
  expect(counts()).toEqual(before);
});
