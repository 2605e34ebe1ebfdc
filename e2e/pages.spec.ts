import { expect, test } from "@playwright/test";

// Static pages from content/pages are served at their own path; every other
// unknown address is still the site's full 404 page.
test("a static page is served at its path, listed in the sitemap and linked from the site", async ({ page, request }) => {
  await page.goto("/about");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About Back in Motion");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/about$/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /Who writes Back in Motion/);
  await page.getByRole("link", { name: "editorial policy" }).click();
  await expect(page).toHaveURL(/\/editorial-policy$/);
  await expect(page.getByRole("heading", { level: 2, name: "Medical review" })).toBeVisible();

  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/about</loc>");
  expect(sitemap).toContain("/editorial-policy</loc>");
});

test("an address no page or route has is the full 404 page", async ({ page, request }) => {
  expect((await request.get("/2019/05/no-such-page")).status()).toBe(404);
  await page.goto("/about/more");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that page");
  await expect(page.locator("main .article-list > li")).toHaveCount(3);
});

test("an article's citations link to its numbered references, and the review note names the reviewer", async ({ page }) => {
  await page.goto("/articles/when-to-see-a-doctor");
  const references = page.getByRole("region", { name: "References" });
  await expect(references.getByRole("listitem")).toHaveCount(2);
  await expect(references.getByRole("listitem").first()).toContainText("Low back pain and sciatica in over 16s");
  await page.getByRole("link", { name: "Reference 2" }).click();
  await expect(page).toHaveURL(/#ref-brinjikji-2015$/);
  const review = page.getByRole("complementary", { name: "Medical review" });
  await expect(review).toContainText("Medically reviewed by Dr. Samuel Okafor, MD");
  await expect(review).toContainText("on August 28, 2026");
  await expect(review).toContainText("Next review due by February 28, 2027");
  await expect(review.getByRole("link", { name: "How we review" })).toHaveAttribute("href", "/editorial-policy");

  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const article = blocks.map((b) => JSON.parse(b)).find((d) => d["@type"] === "Article");
  expect(article.mainEntityOfPage).toMatchObject({
    "@type": "MedicalWebPage",
    lastReviewed: "2026-08-28T00:00:00.000Z",
    reviewedBy: { "@type": "Person", name: "Dr. Samuel Okafor", honorificSuffix: "MD" },
  });
  expect(article.citation).toHaveLength(2);
});
