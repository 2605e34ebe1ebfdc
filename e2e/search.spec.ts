import { expect, test } from "@playwright/test";

test("a reader finds the article about sleeping positions from the header search box", async ({ page }) => {
  await page.goto("/articles/posture-myths");
  const box = page.getByRole("search").getByRole("searchbox", { name: "Search articles" });
  await box.fill("sleping positon");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=sleping\+positon/);
  const result = page.locator(".search-results li").first();
  await expect(result.getByRole("link", { name: "Sleeping With Back Pain" })).toBeVisible();
  await expect(result.locator("mark").first()).toBeVisible();
  await result.getByRole("link", { name: "Sleeping With Back Pain" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sleeping With Back Pain" })).toBeVisible();
});

test("search works without JavaScript, filters by topic, and never shows drafts or scheduled articles", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/search?q=back");
  await expect(page.getByRole("status")).toContainText(/articles? for “back”/);
  await page.getByLabel("Topic", { exact: true }).selectOption({ label: "Neck and Shoulder Pain" });
  await page.getByRole("main").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/category=neck-pain/);
  for (const title of await page.locator(".search-results h2").allTextContents()) expect(title).not.toMatch(/Sleeping With Back Pain/);
  // The draft and the article scheduled for 2099 exist in content, but not for readers.
  await page.goto("/search?q=gardening");
  await expect(page.getByRole("status")).toContainText("No articles match");
  await page.goto("/search?q=morning+stretching+routine");
  await expect(page.getByText("A Five-Minute Morning Stretching Routine")).toHaveCount(0);
  await context.close();
});

test("the search page is not indexed, bounds its query and escapes what it echoes", async ({ request }) => {
  const r = await request.get(`/search?q=${encodeURIComponent(`<script>alert(1)</script> ${"long ".repeat(100)}`)}`);
  expect(r.status()).toBe(200);
  const html = await r.text();
  expect(html).toContain('<meta name="robots" content="noindex, follow"/>');
  expect(html).not.toContain("<script>alert(1)</script>");
  expect(r.headers()["cache-control"]).toContain("no-store");
  // Other pages keep their cache: the header's search box is plain markup.
  expect((await request.get("/articles/posture-myths")).headers()["cache-control"]).not.toContain("no-store");
});
