import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

// A reader's visit: home → article → author → products, checking what makes
// the page trustworthy (byline, credentials, dates, review) and the product
// recommendations with their calls to action.

test("a reader finds an article from the home page and reads it", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Back in Motion" })).toBeVisible();
  await page.getByRole("link", { name: "Posture and Back Pain" }).first().click();

  await expect(page).toHaveURL(/\/articles\/posture-myths$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Posture and Back Pain");
  await expect(page.getByText('Is there really one "correct" way to sit and stand?')).toBeVisible();

  const byline = page.locator(".byline");
  await expect(byline.getByRole("link", { name: "Dana Whitcombe, CFT, CPRS, MFT" })).toHaveAttribute("href", "/authors/dana-whitcombe");
  await expect(byline).toContainText("Medically reviewed by");
  await expect(byline.locator("time").first()).toHaveAttribute("datetime", /^2026-/);
  await expect(byline).toContainText("Published March 10, 2026");
  await expect(byline).toContainText("Updated September 4, 2026");

  const filed = page.locator(".filed-under");
  await expect(filed).toContainText("Filed Under:");
  await expect(filed.getByRole("link", { name: "Back Pain Articles" })).toHaveAttribute("href", "/categories/back-pain");

  await expect(page.getByRole("navigation", { name: "In this article" })).toBeVisible();
  await expect(page.locator(".prose h2").first()).toBeVisible();

  // Recommendation block: heading, product cards, CTAs with the right rel.
  const recs = page.getByRole("region", { name: "Top Recommended Solutions for Back and Neck Pain" });
  await expect(recs).toBeVisible();
  await expect(recs.getByRole("heading", { level: 3 })).toHaveText([
    "Back Relief Blueprint® Video Program",
    "SpineEase™ Lumbar Cushion",
    "Contour Sleep Pillow",
  ]);
  // Served as ASCII (™ as a character reference; lib/http/ascii-html.mjs), shown as ™.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toMatch(/^[\x00-\x7f]*$/);
  expect(html).toContain("SpineEase&#8482; Lumbar Cushion");
  const cta = recs.getByRole("link", { name: /Start the Program/ });
  // Product links go through /go/ (counted per product and article, nothing about the reader) to the shop.
  await expect(cta).toHaveAttribute("href", "/go/back-relief-blueprint?from=posture-myths");
  await expect(cta).toHaveAttribute("rel", /\bsponsored\b/);
  await expect(cta).toHaveAttribute("rel", /\bnofollow\b/);
  const go = await page.request.get("/go/back-relief-blueprint?from=posture-myths", { maxRedirects: 0 });
  expect(go.status()).toBe(302);
  expect(go.headers().location).toBe("https://shop.example.com/back-relief-blueprint");
  await expect(page.getByRole("note").filter({ hasText: "Disclosure:" })).toBeVisible();
  await expect(recs.getByRole("link", { name: "See all our recommended products" })).toHaveAttribute("href", "/products");

  const bio = page.getByRole("region", { name: "About the author" });
  await expect(bio.getByRole("img", { name: "Illustrated portrait of Dana Whitcombe" })).toBeVisible();
  await expect(bio).toContainText("Dana Whitcombe, CFT, CPRS, MFT");
  await expect(bio).toContainText("nineteen years");

  await expect(page.getByRole("region", { name: "Related articles" })).toBeVisible();
  await expect(page.getByText("not medical advice").first()).toBeVisible();

  await byline.getByRole("link", { name: /Dana Whitcombe/ }).click();
  await expect(page).toHaveURL(/\/authors\/dana-whitcombe$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Dana Whitcombe");
  await expect(page.getByRole("link", { name: "Posture and Back Pain" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tech Neck" })).toBeVisible();

  await page.getByRole("link", { name: "Products", exact: true }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole("heading", { level: 2, name: "RiseRight™ Standing Desk Converter" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Learn More\s*: Textured Foam Roller/ })).toHaveAttribute("rel", "nofollow noopener");
});

test("category and tag pages list their articles", async ({ page }) => {
  await page.goto("/categories/neck-pain");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Neck and Shoulder Pain");
  await expect(page.getByRole("link", { name: "Tech Neck" })).toBeVisible();
  await page.goto("/tags/sleep");
  await expect(page.getByRole("link", { name: "Sleeping With Back Pain" })).toBeVisible();
});

test("drafts and future-dated articles are nowhere", async ({ page, request }) => {
  for (const slug of ["stretching-routine-draft", "future-piece"]) {
    const r = await request.get(`/articles/${slug}`);
    expect(r.status()).toBe(404);
  }
  await page.goto("/articles/stretching-routine-draft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that page");
  // The site's 404 inside its layout (the article route renders drafts and scheduled pieces as not found
  // until their time, decision 0018): navigation, a way home, not indexed, nothing of the draft.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "home page" })).toBeVisible();
  await expect(page.getByText("Five-Minute Morning Stretching")).toHaveCount(0);
  await expect(page.locator('meta[name="robots"]')).toHaveCount(1);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  for (const path of ["/", "/categories/movement", "/authors/dana-whitcombe", "/tags/gardening"]) {
    const html = await (await request.get(path)).text();
    expect(html).not.toContain("stretching-routine-draft");
    expect(html).not.toContain("future-piece");
  }
});

test("the article's JSON-LD parses and names the author", async ({ page }) => {
  await page.goto("/articles/when-to-see-a-doctor");
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const data = blocks.map((b) => JSON.parse(b));
  const article = data.find((d) => d["@type"] === "Article");
  expect(article.author[0]).toMatchObject({ "@type": "Person", name: "Dr. Priya Raman", honorificSuffix: "PT, DPT, OCS" });
  expect(article.datePublished).toBe("2026-02-18T00:00:00.000Z");
  expect(article.publisher.name).toBeTruthy();
  expect(data.find((d) => d["@type"] === "BreadcrumbList").itemListElement).toHaveLength(3);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/articles\/when-to-see-a-doctor$/);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
});

test("every image has alt text and the page has landmarks", async ({ page }) => {
  await page.goto("/articles/desk-setup-for-back-pain");
  for (const img of await page.locator("img").all()) expect((await img.getAttribute("alt"))?.trim()).toBeTruthy();
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await expect(page.getByRole("figure").getByText("A starting point, not a rule")).toBeVisible();
});

test("the newest articles are rendered at build time, older ones on first request, drafts and scheduled ones as not found", async ({
  request,
}) => {
  // The build this suite serves: one route for all articles (decision 0032).
  // scripts/e2e-server.sh builds with PRERENDER_ARTICLES=5: the five newest
  // public articles are made at build time, and every draft and scheduled
  // piece as a 404 page holding nothing of it, so the publish timer can bring
  // a scheduled one to life without a build (decision 0018).
  const manifest: { routes: Record<string, { srcRoute: string | null }> } = JSON.parse(
    readFileSync(".next/prerender-manifest.json", "utf8"),
  );
  const built = Object.entries(manifest.routes)
    .filter(([, r]) => r.srcRoute === "/articles/[slug]")
    .map(([url]) => url)
    .sort();
  expect(built).toEqual(
    [
      "/articles/lifting-without-fear",
      "/articles/walking-for-low-back-pain",
      "/articles/tech-neck",
      "/articles/sleeping-positions-for-back-pain",
      "/articles/desk-setup-for-back-pain",
      "/articles/stretching-routine-draft",
      "/articles/future-piece",
    ].sort(),
  );
  for (const [slug, title] of [
    ["stretching-routine-draft", "Five-Minute Morning Stretching"],
    ["future-piece", "Gardening Without a Sore Back"],
  ]) {
    expect(JSON.parse(readFileSync(`.next/server/app/articles/${slug}.meta`, "utf8")).status).toBe(404);
    expect(readFileSync(`.next/server/app/articles/${slug}.html`, "utf8")).not.toContain(title);
    expect((await request.get(`/articles/${slug}`)).status()).toBe(404);
  }
  const routes: Record<string, string> = JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8"));
  expect(Object.values(routes).filter((url) => url.startsWith("/articles/"))).toEqual(["/articles/[slug]"]);

  // An older article (decision 0051): rendered on its first request, then served from the page cache.
  const older = await request.get("/articles/when-to-see-a-doctor");
  expect(older.status()).toBe(200);
  expect(await older.text()).toContain("<h1>");
  await expect.poll(async () => (await request.get("/articles/when-to-see-a-doctor")).headers()["x-nextjs-cache"]).toBe("HIT");

  // An address that is no article: 404 every time, and never kept (a crawler cannot fill the disk with them).
  const probe = `no-such-article-${Date.now()}`;
  for (let i = 0; i < 2; i++) {
    const r = await request.get(`/articles/${probe}`);
    expect(r.status()).toBe(404);
    expect(r.headers()["x-nextjs-cache"]).not.toBe("HIT");
  }
  const stored = (readdirSync(".next/server", { recursive: true }) as string[]).filter((f) => f.includes(probe));
  expect(stored).toEqual([]);
});
