import { expect, test } from "@playwright/test";
import { unique } from "./support";

// The newcomer's path: no mail server anywhere. The confirmation email lands
// in the local outbox and the development mailbox page shows it.
test.use({ baseURL: `http://localhost:${process.env.E2E_LOCAL_PORT ?? 3211}` });

test("in local mode a newcomer confirms a signup from the development mailbox", async ({ page }) => {
  const email = `${unique("newcomer")}@example.com`;
  await page.goto("/newsletter");
  const form = page.locator("#newsletter form");
  await form.getByLabel("Email *").fill(email);
  // The build under test renders the captcha widget; this server checks no token (captcha off).
  const box = form.getByLabel("I am not a robot");
  if (await box.count()) await box.check();
  await form.getByRole("button", { name: "Sign Me Up!" }).click();
  await expect(page.getByText(/Almost done! Check your inbox/)).toBeVisible();

  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByRole("link", { name: /Please confirm/ }).click();
  await expect(page.getByRole("heading", { name: /Please confirm/ })).toBeVisible();
  await page.getByRole("link", { name: /\/newsletter\/confirm\?token=/ }).click();
  await expect(page.getByRole("heading", { name: "Thank you! You're subscribed" })).toBeVisible();
});

test("in local mode the editor console shows subscriber counts and previews each issue", async ({ page }) => {
  await page.goto("/dev/editor");
  await expect(page.getByRole("heading", { name: "Editor console" })).toBeVisible();
  await expect(page.getByRole("row", { name: /confirmed/ })).toBeVisible();
  await page.getByRole("link", { name: "A gentle reset for your back this January" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "A gentle reset for your back this January" })).toBeVisible();
  const frame = page.frameLocator("iframe.mail-html");
  await expect(frame.getByText("Hi Alex,")).toBeVisible();
  await expect(page.locator("pre.mail-text")).toContainText("Raise your screen");
});
