import { expect, test } from "@playwright/test";
import { hydrated, unique } from "./support";

// The newcomer's path: no mail server anywhere. The confirmation email lands
// in the local outbox and the development mailbox page shows it.
test.use({ baseURL: `http://localhost:${process.env.E2E_LOCAL_PORT ?? 3211}` });

test("in local mode a newcomer confirms a signup from the development mailbox", async ({ page }) => {
  const email = `${unique("newcomer")}@example.com`;
  await page.goto("/newsletter");
  const form = page.locator("#newsletter form");
  // A click before hydration would post the form natively and land on the no-JavaScript result page.
  await hydrated(page, "#newsletter form");
  await form.getByLabel("Email *").fill(email);
  // This server gets the same captcha settings (the local stand-in) as the production one: the widget
  // appears once its script has loaded, and the form wants it ticked.
  await form.getByLabel("I am not a robot").check();
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

test("in local mode the newsroom signs a newcomer in as the local admin, and says so", async ({ page }) => {
  await page.goto("/newsroom");
  await expect(page.getByRole("status").filter({ hasText: "signed in automatically as the local admin" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Newsroom" });
  for (const section of ["Comments", "Subscribers", "Newsletters", "Stats", "Editors", "Audit log"])
    await expect(nav.getByRole("link", { name: section })).toBeVisible();
  // The old local-only console is gone: the newsroom replaced it.
  expect((await page.request.get("/dev/editor")).status()).toBe(404);
});
