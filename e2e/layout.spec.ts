import { expect, test } from "@playwright/test";

const ARTICLE = "/articles/desk-setup-for-back-pain";

test("on a wide screen the contents and recommendations sit in a column that stays in view", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(ARTICLE);
  const aside = page.getByRole("complementary", { name: "On this page" });
  await expect(aside).toBeVisible();
  await expect(aside.getByRole("navigation", { name: "In this article" })).toBeVisible();
  await expect(aside.getByRole("heading", { level: 2 }).nth(1)).toBeVisible();
  // The in-text contents list gives way to the column.
  await expect(page.locator("article .toc")).toBeHidden();
  const articleBox = (await page.locator("article.article").boundingBox())!;
  const asideBox = (await aside.boundingBox())!;
  expect(asideBox.x).toBeGreaterThan(articleBox.x + articleBox.width);
  // Halfway down the text the column is still at the top of the window.
  await page.locator(".prose h2").nth(2).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 600);
  await expect.poll(async () => (await aside.boundingBox())!.y).toBeLessThan(60);
  await expect.poll(async () => (await aside.boundingBox())!.y).toBeGreaterThanOrEqual(0);
  // A contents link in the column still jumps to its heading.
  const first = aside.getByRole("navigation").getByRole("link").first();
  const target = (await first.getAttribute("href"))!;
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
});

test("on a phone the article is one column, contents above the text, and no side column", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(ARTICLE);
  await expect(page.getByRole("complementary", { name: "On this page" })).toBeHidden();
  const toc = page.locator("article .toc");
  await expect(toc).toBeVisible();
  expect((await toc.boundingBox())!.y).toBeLessThan((await page.locator("article .prose").boundingBox())!.y);
});

test("images carry their real size, only the hero loads first, and nothing shifts while they load", async ({ page }) => {
  await page.goto(ARTICLE);
  const hero = page.locator("img.hero");
  await expect(hero).toHaveAttribute("width", /\d+/);
  await expect(hero).toHaveAttribute("height", /\d+/);
  await expect(hero).not.toHaveAttribute("loading", "lazy");
  for (const img of await page.locator("article img:not(.hero)").all()) {
    await expect(img).toHaveAttribute("loading", "lazy");
    await expect(img).toHaveAttribute("width", /\d+/);
  }
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!e.hadRecentInput) total += e.value;
        }).observe({ type: "layout-shift", buffered: true });
        window.scrollTo(0, document.body.scrollHeight);
        setTimeout(() => resolve(total), 1500);
      }),
  );
  expect(shift).toBeLessThan(0.02);
});
