// A publisher moves in from WordPress: in a copy of this project, they run
// `npm run import:wordpress` on an export (e2e/fixtures/wordpress, written for
// these tests: both editors, every post state, threaded comments, media),
// build, and start the site. Readers then find the articles, their comments,
// the old pages at their old addresses, and every old link answered with a 301.
//
// The copy lives in test-results/ (inside the repository so Turbopack may
// follow its node_modules link) and is built on its own: the site the other
// journeys use keeps its sample content. The server listens on a port the
// system picks, so it cannot collide with another run.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";

const root = process.cwd();
const site = path.join(root, "test-results", "wordpress-site");
const fixtures = path.join(root, "e2e", "fixtures", "wordpress");
let server: ChildProcess | undefined;
let base = "";
let importOutput = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function copyProject() {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
  for (const f of tracked) {
    if (/^(e2e|bench|docs|\.ci)\//.test(f) || !existsSync(path.join(root, f))) continue;
    mkdirSync(path.dirname(path.join(site, f)), { recursive: true });
    cpSync(path.join(root, f), path.join(site, f));
  }
  cpSync(path.join(root, "lib/generated"), path.join(site, "lib/generated"), { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(site, "node_modules"));
  // Turbopack resolves only below its root: the repository's, where node_modules really is.
  cpSync(path.join(site, "next.config.mjs"), path.join(site, "next.config.base.mjs"));
  writeFileSync(
    path.join(site, "next.config.mjs"),
    `import base from "./next.config.base.mjs";\nexport default { ...base, turbopack: { ...(base.turbopack ?? {}), root: ${JSON.stringify(root)} } };\n`,
  );
  writeFileSync(path.join(site, "author-map.yaml"), "dwhit: dana-whitcombe\n");
  mkdirSync(path.join(site, "data"), { recursive: true });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  const port = await freePort();
  base = `http://localhost:${port}`;
  const env = {
    ...process.env,
    APP_MODE: "local",
    DATABASE_URL: "file:./data/site.db",
    PUBLIC_URL: base,
    SMTP_URL: "",
    CAPTCHA_PROVIDER: "off",
  };
  const run = (args: string[]) =>
    execFileSync("npm", ["run", "-s", ...args], { cwd: site, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  copyProject();
  run(["db:migrate"]);
  importOutput = run([
    "import:wordpress",
    "--",
    path.join(fixtures, "spine-notes.xml"),
    "--uploads",
    path.join(fixtures, "uploads"),
    "--author-map",
    "author-map.yaml",
  ]);
  run(["build"]);
  // `npm start`: the server an operator runs (server.ts around Next's handler).
  server = spawn("npm", ["start"], { cwd: site, env: { ...env, PORT: String(port) }, stdio: "ignore", detached: true });
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the imported site did not start");
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  if (!process.env.KEEP_WORDPRESS_SITE) rmSync(site, { recursive: true, force: true });
});

const status = async (request: APIRequestContext, url: string) => {
  const r = await request.get(`${base}${url}`, { maxRedirects: 0 });
  return { status: r.status(), location: r.headers()["location"]?.replace(base, "") };
};

test("the import reports what it did and what needs a person", () => {
  expect(importOutput).toMatch(/posts\s+9\s+0\s+0\s+0\s+2\s+0/);
  expect(importOutput).toMatch(/comments\s+6\s/);
  expect(importOutput).toContain("content/articles/cat-cow-stretch.mdx:");
  expect(importOutput).toContain("unknown shortcode [contact-form-7");
});

test("an imported classic-editor post reads as it did, with its image, list, table and category trail", async ({ page }) => {
  await page.goto(`${base}/articles/cat-cow-stretch`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cat–cow stretch for stiff mornings");
  const figure = page.locator("figure.figure img").first();
  await expect(figure).toHaveAttribute("alt", "Cat position: the back rounds up towards the ceiling.");
  expect((await page.request.get(`${base}${await figure.getAttribute("src")}`)).status()).toBe(200);
  await expect(page.locator(".prose ol li").first()).toContainText("Start on hands and knees.");
  await expect(page.locator(".prose table")).toContainText("Rounds");
  await expect(page.locator(".prose")).toContainText("{curly braces}, <angle brackets> & ampersands");
  await expect(page.locator(".filed-under")).toHaveText("Filed Under: Movement and Exercise › Exercises");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link")).toHaveText([
    "Home",
    "Movement and Exercise",
    "Exercises",
  ]);
  await expect(page.getByRole("link", { name: "walking after work" })).toHaveAttribute("href", "/articles/walking-after-work");
});

test("a block-editor post keeps its gallery, embeds as links, footnotes and quotes", async ({ page }) => {
  await page.goto(`${base}/articles/desk-your-back-likes`);
  await expect(page.locator(".prose figure")).toHaveCount(4);
  await expect(page.getByRole("link", { name: "Video on YouTube: Three desk stretches" })).toHaveAttribute(
    "href",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  );
  // No third-party frame or script loads until a reader clicks.
  await expect(page.locator("iframe")).toHaveCount(0);
  await expect(page.locator(".prose blockquote")).toContainText("The best posture is the next one.");
  await expect(page.locator(".prose")).toContainText("Short, frequent breaks were the habit readers kept longest.");
});

test("imported comments appear on the static page in their threads; held and spam ones do not, nor any address", async ({ page }) => {
  await page.goto(`${base}/articles/walking-after-work`);
  await expect(page.locator(".comment-count")).toHaveText("4 Comments");
  const comments = page.locator("#comments");
  await expect(comments).toContainText("I started doing this in October and my mornings are much better.");
  await expect(comments).toContainText("Before dinner, while it is still light.");
  await expect(comments).toContainText("quiet.walker");
  await expect(comments).not.toContainText("Is this fine with sciatica?");
  await expect(comments).not.toContainText("Cheap Pills");
  await expect(comments).not.toContainText("a good walking routine");
  expect(await page.content()).not.toContain("@readers.example");
});

test("old links answer with one 301 to their new address", async ({ request }) => {
  expect(await status(request, "/2024/05/cat-cow-stretch/")).toEqual({ status: 301, location: "/articles/cat-cow-stretch" });
  expect(await status(request, "/2024/05/cat-cow-stretch")).toEqual({ status: 301, location: "/articles/cat-cow-stretch" });
  expect(await status(request, "/?p=12")).toEqual({ status: 301, location: "/articles/walking-after-work" });
  expect(await status(request, "/2024/04/ryggv%C3%A4nlig-tr%C3%A4ning/")).toEqual({
    status: 301,
    location: "/articles/ryggvaenlig-traening",
  });
  expect(await status(request, "/2024/04/ryggv%c3%a4nlig-tr%c3%a4ning")).toEqual({
    status: 301,
    location: "/articles/ryggvaenlig-traening",
  });
  expect(await status(request, "/category/movement/exercises/")).toEqual({ status: 301, location: "/categories/exercises" });
  expect(await status(request, "/tag/walking/")).toEqual({ status: 301, location: "/tags/walking" });
  expect(await status(request, "/author/maria/")).toEqual({ status: 301, location: "/authors/maria-lindqvist" });
  expect(await status(request, "/feed/")).toEqual({ status: 301, location: "/feed.xml" });
  expect(await status(request, "/2024/05/cat-cow-stretch/cat-cow-photo/")).toEqual({ status: 301, location: "/articles/cat-cow-stretch" });
});

test("old pages are served at their old addresses; unknown addresses still get the 404 page", async ({ page, request }) => {
  await page.goto(`${base}/about-us/team/`);
  expect(new URL(page.url()).pathname).toBe("/about-us/team");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Our team");
  const missing = await page.goto(`${base}/2024/05/never-existed`);
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that page");
  expect(await status(request, "/2024/05/never-existed/")).toEqual({ status: 301, location: "/2024/05/never-existed" });
  // A reader following an old link in a browser lands on the article.
  await page.goto(`${base}/2023/11/walking-after-work/`);
  expect(new URL(page.url()).pathname).toBe("/articles/walking-after-work");
});
