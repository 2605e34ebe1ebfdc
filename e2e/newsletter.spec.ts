import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { captchaToken, cliTool, hydrated, linkIn, operator, rawHeader, unique, waitForMail } from "./support";

const ARTICLE = "/articles/walking-for-low-back-pain";
const ORIGIN = BASE_URL;

async function signUp(page: Page, email: string, firstName = "Robin") {
  const form = page.locator("#newsletter form");
  await hydrated(page, "#newsletter form");
  await form.getByLabel("Email *").fill(email);
  await form.getByLabel("First name").fill(firstName);
  await form.getByLabel("I am not a robot").check();
  await form.getByRole("button", { name: "Sign Me Up!" }).click();
  await expect(page.locator("#newsletter").getByText(/Almost done! Check your inbox/)).toBeVisible();
}

async function subscribeAndConfirm(page: Page, email: string) {
  await page.goto("/newsletter");
  await signUp(page, email);
  const confirm = await waitForMail(email, /Please confirm/);
  await page.goto(linkIn(confirm, "/newsletter/confirm"));
  await expect(page.getByRole("heading", { name: "Thank you! You're subscribed" })).toBeVisible();
  return waitForMail(email, /^Welcome/);
}

test("a reader subscribes from an article, confirms from the email, and is welcomed with one-click unsubscribe headers", async ({
  page,
}) => {
  const email = `${unique("reader")}@example.com`;
  await page.goto(ARTICLE);
  await expect(page.getByRole("heading", { name: "Sign up for Less Pain, More Life" })).toBeVisible();
  await expect(page.locator("#newsletter").getByRole("link", { name: "Privacy notice" })).toHaveAttribute("href", "/privacy");
  await signUp(page, email);

  const confirm = await waitForMail(email, /Please confirm your subscription/);
  expect(rawHeader(confirm, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  await page.goto(linkIn(confirm, "/newsletter/confirm"));
  await expect(page).toHaveURL(/\/newsletter\/welcome$/);
  await expect(page.getByRole("heading", { name: "Thank you! You're subscribed" })).toBeVisible();

  const welcome = await waitForMail(email, /^Welcome to Less Pain, More Life$/);
  expect(rawHeader(welcome, "List-Unsubscribe")).toMatch(
    new RegExp(`^<${ORIGIN.replace(/[/.]/g, "\\$&")}/api/newsletter/unsubscribe\\?token=[^>]+>, <mailto:[^>]+>$`),
  );
  expect(rawHeader(welcome, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  expect(welcome.text).toContain("/newsletter/unsubscribe?token=");
  expect(await operator("list", "--status", "confirmed", "--limit", "500")).toContain(
    `${email}  (Robin)  via article:walking-for-low-back-pain`,
  );

  // The confirmation link works once; clicking it again changes nothing.
  await page.goto(linkIn(confirm, "/newsletter/confirm"));
  await expect(page.getByRole("heading", { name: "You're already subscribed" })).toBeVisible();
});

test("a one-click POST from a mail client unsubscribes at once", async ({ page, request }) => {
  const email = `${unique("oneclick")}@example.com`;
  const welcome = await subscribeAndConfirm(page, email);
  const oneClick = rawHeader(welcome, "List-Unsubscribe")!.match(/<(http[^>]+)>/)![1];
  const r = await request.post(oneClick, { form: { "List-Unsubscribe": "One-Click" } });
  expect(r.status()).toBe(200);
  expect(await operator("list", "--limit", "500")).not.toContain(email);
  await page.goto(linkIn(welcome, "/newsletter/preferences"));
  await expect(page.getByRole("main").getByRole("alert")).toContainText("no subscription for this link");
});

test("the unsubscribe link in the email opens a page and only the button unsubscribes", async ({ page, request }) => {
  const email = `${unique("button")}@example.com`;
  const welcome = await subscribeAndConfirm(page, email);
  const visible = linkIn(welcome, "/newsletter/unsubscribe");
  // A link scanner fetching the page (and the header URL by GET) changes nothing.
  expect((await request.get(visible)).status()).toBe(200);
  const oneClick = rawHeader(welcome, "List-Unsubscribe")!.match(/<(http[^>]+)>/)![1];
  expect((await request.get(oneClick, { maxRedirects: 0 })).status()).toBe(303);
  expect(await operator("list", "--limit", "500")).toContain(email);

  await page.goto(visible);
  await expect(page.getByRole("heading", { name: "Unsubscribe from Less Pain, More Life?" })).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { name: "You're unsubscribed" })).toBeVisible();
  expect(await operator("list", "--limit", "500")).not.toContain(email);
});

test("signing up twice gives the same message and one record", async ({ request }) => {
  const email = `${unique("twice")}@example.com`;
  const post = (address: string) =>
    request.post("/api/newsletter/subscribe", {
      headers: { "content-type": "application/json", origin: ORIGIN },
      data: JSON.stringify({ email: address, source: "home", captchaToken: captchaToken() }),
    });
  const first = await post(email);
  const second = await post(email.toUpperCase().replace("@EXAMPLE.COM", "@Example.com"));
  expect(first.status()).toBe(202);
  expect(second.status()).toBe(202);
  expect(await second.json()).toEqual(await first.json());
  const lines = (await operator("list", "--limit", "500")).split("\n").filter((l) => l.toLowerCase().includes(email));
  expect(lines).toHaveLength(1);
});

test("the preferences page changes the name, pauses, downloads the data and deletes it", async ({ page }) => {
  const email = `${unique("prefs")}@example.com`;
  const welcome = await subscribeAndConfirm(page, email);
  await page.goto(linkIn(welcome, "/newsletter/preferences"));
  await expect(page.getByRole("heading", { name: "Newsletter preferences" })).toBeVisible();
  expect(await page.content()).not.toContain(email);

  await page.getByLabel("First name (used in the greeting)").fill("Robbie");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your name is saved.")).toBeVisible();
  await page.getByRole("button", { name: "Pause the newsletter" }).click();
  await expect(page.getByText("Paused: we will not send")).toBeVisible();
  expect(await operator("list", "--limit", "500")).toMatch(new RegExp(`confirmed paused .*${email.replace(/[.]/g, "\\.")}  \\(Robbie\\)`));

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const data = JSON.parse(await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")));
  expect(data).toMatchObject({
    subscriber: { email, firstName: "Robbie", status: "confirmed", paused: true, topics: "all" },
    consent: { source: "newsletter-page", text: expect.any(String), topics: "all" },
  });

  await page.getByRole("button", { name: "Delete my data" }).click(); // the confirm box is required
  expect(await operator("list", "--limit", "500")).toContain(email);
  await page.getByLabel(/I understand this unsubscribes me/).check();
  await page.getByRole("button", { name: "Delete my data" }).click();
  await expect(page.getByRole("heading", { name: "Your data is deleted" })).toBeVisible();
  expect(await operator("list", "--limit", "500")).not.toContain(email);
});

test("without JavaScript the signup form still works and says what happened", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/newsletter");
  await page
    .locator("#newsletter form")
    .getByLabel("Email *")
    .fill(`${unique("nojs")}@example.com`);
  await page.getByRole("button", { name: "Sign Me Up!" }).click();
  // The captcha widget needs JavaScript, so the server refuses with a page, not a 500.
  await expect(page.getByRole("heading", { name: "You are not subscribed yet" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("verification did not pass");
  await context.close();
});

test("bad input gets a clear 4xx and changes nothing", async ({ request }) => {
  const headers = { "content-type": "application/json", origin: ORIGIN };
  const post = (data: object, h: Record<string, string> = {}) =>
    request.post("/api/newsletter/subscribe", { headers: { ...headers, ...h }, data: JSON.stringify(data) });
  const bad = await post({ email: "not-an-email", captchaToken: captchaToken() });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).fields.email).toBeTruthy();
  expect((await post({ email: `${unique("nocap")}@example.com` })).status()).toBe(403);
  expect((await post({ email: `${unique("big")}@example.com`, firstName: "x".repeat(100), captchaToken: captchaToken() })).status()).toBe(
    400,
  );
  expect(
    (await post({ email: `${unique("evil")}@example.com`, captchaToken: captchaToken() }, { origin: "https://evil.example" })).status(),
  ).toBe(403);
  expect(
    (
      await request.post("/api/newsletter/unsubscribe?token=eyJwIjoibmV3c2xldHRlci1tYW5hZ2UiLCJzIjoieCJ9.forged", {
        form: { "List-Unsubscribe": "One-Click" },
      })
    ).status(),
  ).toBe(400);
  const tampered = await request.get("/newsletter/confirm?token=eyJwIjoibmV3c2xldHRlci1jb25maXJtIn0.bad", { maxRedirects: 0 });
  expect(tampered.headers().location).toContain("/newsletter/link-problem?reason=invalid");
  // The development mailbox exists only while mail goes to the local outbox.
  expect((await request.get("/dev/mailbox")).status()).toBe(404);
});

test("an operator imports a CSV (rejected rows by line, no mail), exports it, counts and deletes", async () => {
  const a = `${unique("imp-a")}@example.com`;
  const b = `${unique("imp-b")}@example.com`;
  mkdirSync("data", { recursive: true });
  writeFileSync(
    "data/e2e-import.csv",
    ["email,first_name", `${a},Ada`, "not-an-email,Bad", `${b},Bo`, `${a.toUpperCase()},Dup`, "x@mailinator.com,Temp"].join("\n"),
  );
  // Rejected rows make the import exit 2 (the CLI's contract for scripts).
  const { tool: subscribersTool, cli } = await cliTool("subscribers");
  const imported = cli.captureIo();
  expect(await cli.runTool(subscribersTool, ["import", "data/e2e-import.csv"], imported)).toBe(2);
  let out = imported.stdout;
  expect(out).toContain("line 3: rejected: please enter a valid email address");
  expect(out).toContain("line 5: rejected: duplicate of an earlier line");
  expect(out).toContain("line 6: rejected: please use a permanent address");
  expect(out).toContain("imported 2 as pending, skipped 0, rejected 3");
  expect(out).toContain("no email was sent");
  expect(await waitForMail(a, /./, 1500).catch(() => "none")).toBe("none");

  const csv = await operator("export", "--status", "pending");
  expect(csv.split("\n")[0]).toBe("email,first_name,status,paused,confirmed_at,consent_at,consent_source,consent_text_version");
  expect(csv).toContain(`${a},Ada,pending,false,,,import:e2e-import.csv,`);
  expect(await operator("counts")).toMatch(/^pending\s+\d+$/m);

  expect(await operator("delete", b)).toContain("deleted; the address is suppressed");
  expect(await operator("list", "--limit", "500")).not.toContain(b);
  // Re-importing a deleted address is refused: only the person can come back.
  writeFileSync("data/e2e-import.csv", `email\n${b}\n`);
  const again = cli.captureIo();
  expect(await cli.runTool(subscribersTool, ["import", "data/e2e-import.csv"], again)).toBe(2);
  out = again.stdout;
  expect(out).toContain("line 2: rejected: suppressed");
});
