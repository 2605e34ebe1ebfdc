import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SEED_COMMENTS, SEED_SUBSCRIBERS } from "../prisma/seed-data";
import { unique } from "./support";

// After comments with known emails exist, no page, feed or API response may
// contain any of those emails, nor a hash of one.
test("no commenter email ever reaches a page, feed or API response", async ({ page, request }) => {
  const email = `${unique("secret")}@example.com`;
  await page.goto("/articles/posture-myths");
  const form = page.locator("#respond");
  await form.getByLabel("Comment *").fill("Checking privacy.");
  await form.getByLabel("Name *").fill("Private Person");
  await form.getByLabel("Email *").fill(email);
  await form.getByLabel("I am not a robot").check();
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.getByText("awaiting moderation")).toBeVisible();

  const emails = [email, ...SEED_COMMENTS.map((c) => c.authorEmail), ...SEED_SUBSCRIBERS.map((s) => s.email)];
  const needles = emails.flatMap((e) => [
    e,
    e.toLowerCase(),
    ...["md5", "sha1", "sha256"].map((h) => createHash(h).update(e.trim().toLowerCase()).digest("hex")),
  ]);

  const sitemap = await (await request.get("/sitemap.xml")).text();
  const paths = new Set([
    "/articles/posture-myths",
    "/",
    "/feed.xml",
    "/sitemap.xml",
    "/robots.txt",
    "/api/health",
    "/products",
    "/comments/status?article=posture-myths&result=held",
  ]);
  for (const m of sitemap.matchAll(/<loc>https?:\/\/[^/]+([^<]*)<\/loc>/g)) paths.add(m[1] || "/");
  expect(paths.size).toBeGreaterThan(20);
  for (const path of paths) {
    const res = await request.get(path);
    expect(res.status(), path).toBeLessThan(400);
    const text = await res.text();
    for (const n of needles) expect(text.includes(n), `${n} found in ${path}`).toBe(false);
    // The RSC payload Next serves for client navigation must be clean too.
    if (!path.includes(".") && !path.startsWith("/api")) {
      const rsc = await (await request.get(path, { headers: { RSC: "1" } })).text();
      for (const n of needles) expect(rsc.includes(n), `${n} found in RSC of ${path}`).toBe(false);
    }
  }
});
