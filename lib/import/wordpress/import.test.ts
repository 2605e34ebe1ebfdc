// The whole import against a throwaway copy of the project: what lands where,
// that a re-run changes nothing, that edits survive, that a dry run and a
// broken file write nothing, and that the result passes the real content:check.
import { compile } from "@mdx-js/mdx";
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import remarkGfm from "remark-gfm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { applyMigrations } from "../../db/migrations";
import { importWordPress, WxrError, type ImportReport } from ".";
import { planImport } from "./plan";
import { readWxrFile } from "./reader";
import { readRepo } from "./repo";

const root = process.cwd();
const FIXTURES = path.join(root, "e2e/fixtures/wordpress");
const EXPORT = path.join(FIXTURES, "spine-notes.xml");
const UPLOADS = path.join(FIXTURES, "uploads");
const NOW = new Date("2026-11-20T12:00:00Z");

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bim-wp-"));
  for (const f of ["node_modules", "lib", "app", "components", "prisma"]) symlinkSync(path.join(root, f), path.join(dir, f));
  for (const f of ["contentlayer.config.ts", "package.json", "tsconfig.json", "content", "public"])
    cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  writeFileSync(path.join(dir, "author-map.yaml"), "dwhit: dana-whitcombe\n");
  return dir;
}

/** Every file under content/, public/ and imports/ with its bytes, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const top of ["content", "public", "imports"]) {
    const base = path.join(dir, top);
    if (!existsSync(base)) continue;
    for (const f of readdirSync(base, { recursive: true }) as string[]) {
      const p = path.join(base, f);
      if (statSync(p).isFile()) out[`${top}/${f}`] = readFileSync(p).toString("base64");
    }
  }
  return out;
}

const front = (dir: string, file: string) => YAML.parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(dir, file), "utf8"))![1]);
const run = (dir: string, over: Partial<Parameters<typeof importWordPress>[0]> = {}) =>
  importWordPress({ file: EXPORT, root: dir, uploads: UPLOADS, authorMap: path.join(dir, "author-map.yaml"), now: NOW, ...over });

describe("importing the Spine Notes export", () => {
  let dir: string;
  let first: ImportReport;
  beforeAll(async () => {
    dir = project();
    first = await run(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes articles with valid frontmatter for every post state, and skips private and trashed posts", () => {
    expect(first.counts.posts).toMatchObject({ imported: 9, skipped: 2, failed: 0 });
    const cat = front(dir, "content/articles/cat-cow-stretch.mdx");
    expect(cat).toMatchObject({
      title: "Cat–cow stretch for stiff mornings",
      author: "maria-lindqvist",
      category: "exercises",
      tags: ["Stretching", "Mornings"],
      hero: { src: "/images/wordpress/2024/05/cat-cow-stretch.png" },
    });
    expect(String(cat.published)).toMatch(/^2024-05-14T07:30:00/);
    expect(cat.description.length).toBeGreaterThanOrEqual(50);
    expect(cat.description.length).toBeLessThanOrEqual(160);
    // Yoast's primary category wins; the other category becomes a tag; the featured image is the hero with its alt text.
    expect(front(dir, "content/articles/walking-after-work.mdx")).toMatchObject({
      category: "movement",
      tags: ["Exercises", "Walking"],
      author: "priya-raman",
      hero: { src: "/images/wordpress/2023/11/walking-trail.png", alt: "A gravel path through a park in autumn" },
    });
    expect(front(dir, "content/articles/sitting-less-without-trying-harder.mdx").draft).toBe(true);
    expect(front(dir, "content/articles/what-physios-wish-you-knew.mdx").draft).toBe(true);
    expect(front(dir, "content/articles/back-care-plan.mdx").draft).toBe(true);
    const scheduled = front(dir, "content/articles/winter-walking-plan.mdx");
    expect(String(scheduled.published)).toMatch(/^2099-01-05/);
    expect(scheduled.draft).toBeUndefined();
    // A sticky post is featured; an SEO plugin's meta description is the description.
    expect(front(dir, "content/articles/ryggvaenlig-traening.mdx")).toMatchObject({
      author: "dana-whitcombe",
      featured: true,
      description: "Back-friendly training at the office, in Swedish and English: knees up, shoulders down, and a few minutes every hour.",
    });
    expect(existsSync(path.join(dir, "content/articles/notes-to-self.mdx"))).toBe(false);
    expect(first.skipped.map((s) => s.title)).toEqual(["Notes to self", "An old experiment"]);
  });

  it("writes pages at their old paths, authors, and categories with their parents", () => {
    expect(front(dir, "content/pages/about-us.mdx")).toMatchObject({ title: "About Spine Notes", path: "/about-us" });
    expect(front(dir, "content/pages/about-us/team.mdx").path).toBe("/about-us/team");
    expect(front(dir, "content/pages/pages/newsletter.mdx").path).toBe("/pages/newsletter");
    expect(front(dir, "content/pages/workshops.mdx").draft).toBe(true);
    expect(front(dir, "content/authors/maria-lindqvist.mdx")).toMatchObject({
      name: "Maria Lindqvist",
      avatar: { src: "/images/wordpress/authors/maria-lindqvist.svg" },
    });
    expect(existsSync(path.join(dir, "public/images/wordpress/authors/maria-lindqvist.svg"))).toBe(true);
    expect(existsSync(path.join(dir, "content/authors/priya-raman-2.mdx"))).toBe(false);
    expect(YAML.parse(readFileSync(path.join(dir, "content/categories/exercises.yaml"), "utf8"))).toEqual({
      title: "Exercises",
      description: "Articles filed under Exercises.",
      parent: "movement",
    });
    // The repository already has a "movement" category: it is used as it is, not overwritten.
    expect(readFileSync(path.join(dir, "content/categories/movement.yaml"), "utf8")).toBe(
      readFileSync(path.join(root, "content/categories/movement.yaml"), "utf8"),
    );
    expect(YAML.parse(readFileSync(path.join(dir, "content/categories/workplace.yaml"), "utf8")).title).toBe("At Work");
  });

  it("copies only the media used, originals instead of resized copies, and keeps missing ones remote", () => {
    const copied = (readdirSync(path.join(dir, "public/images/wordpress"), { recursive: true }) as string[]).filter((f) =>
      f.endsWith(".png"),
    );
    expect(copied.sort()).toEqual([
      "2023/11/walking-trail.png",
      "2024/05/cat-cow-stretch.png",
      "2024/05/desk-setup-1.png",
      "2024/05/desk-setup-2.png",
    ]);
    expect(first.remoteMedia).toEqual(["https://old.spine-notes.example/wp-content/uploads/2022/01/missing-photo.jpg"]);
    expect(first.attention).toContainEqual(
      expect.objectContaining({ file: "content/articles/desk-your-back-likes.mdx", code: "media", line: expect.any(Number) }),
    );
  });

  it("maps old addresses to new ones in content/redirects.yaml, keeping the editors' entries", () => {
    const list = YAML.parse(readFileSync(path.join(dir, "content/redirects.yaml"), "utf8")) as { from: string; to: string }[];
    const to = (from: string) => list.find((r) => r.from === from)?.to;
    expect(to("/posture")).toBe("/articles/posture-myths");
    expect(to("/2024/05/cat-cow-stretch")).toBe("/articles/cat-cow-stretch");
    expect(to("/?p=10")).toBe("/articles/cat-cow-stretch");
    expect(to("/2024/04/ryggv%c3%a4nlig-tr%c3%a4ning")).toBe("/articles/ryggvaenlig-traening");
    expect(to("/2024/05/cat-cow-stretch/cat-cow-photo")).toBe("/articles/cat-cow-stretch");
    expect(to("/?page_id=31")).toBe("/about-us/team");
    expect(to("/category/movement/exercises")).toBe("/categories/exercises");
    expect(to("/tag/walking")).toBe("/tags/walking");
    expect(to("/author/maria")).toBe("/authors/maria-lindqvist");
    expect(to("/feed")).toBe("/feed.xml");
    // Drafts, scheduled posts and the site's own routes get none.
    expect(to("/?p=13")).toBeUndefined();
    expect(to("/2099/01/winter-walking-plan")).toBeUndefined();
    expect(list.some((r) => r.from.startsWith("/newsletter"))).toBe(false);
    expect(list.every((r) => !r.from.endsWith("/") || r.from === "/")).toBe(true);
  });

  it("lists what needs a person with file and line", () => {
    const at = (code: string) => first.attention.filter((a) => a.code === code);
    expect(at("unknown-shortcode")).toEqual([
      expect.objectContaining({
        file: "content/articles/cat-cow-stretch.mdx",
        line: expect.any(Number),
        source: expect.stringMatching(/spine-notes\.xml:\d+ \(post 10\)/),
      }),
    ]);
    const line = at("unknown-shortcode")[0].line!;
    expect(readFileSync(path.join(dir, "content/articles/cat-cow-stretch.mdx"), "utf8").split("\n")[line - 1]).toContain("contact-form-7");
    expect(at("dynamic-block")[0]).toMatchObject({ file: "content/articles/desk-your-back-likes.mdx" });
    expect(
      at("credentials")
        .map((a) => a.file)
        .sort(),
    ).toEqual(["content/authors/jon-avery.mdx", "content/authors/maria-lindqvist.mdx"]);
    expect(at("password")).toHaveLength(1);
  });

  it("every imported body compiles as MDX", async () => {
    for (const f of readdirSync(path.join(dir, "content"), { recursive: true }) as string[]) {
      if (!f.endsWith(".mdx")) continue;
      const body = readFileSync(path.join(dir, "content", f), "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
      await expect(compile(body, { remarkPlugins: [remarkGfm] }), f).resolves.toBeTruthy();
    }
  });

  it("passes the real content:check", () => {
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/content-check.ts")], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(`${r.stdout}${r.stderr}`).toMatch(/0 errors, \d+ warnings? — OK/);
    expect(r.status).toBe(0);
  }, 120_000);

  it("a second run changes nothing; an edited file is left alone unless --overwrite; a deleted one is not brought back", async () => {
    const before = snapshot(dir);
    const again = await run(dir);
    expect(snapshot(dir)).toEqual(before);
    expect(again.counts.posts).toMatchObject({ imported: 0, updated: 0, unchanged: 9 });
    expect(again.counts.redirects.imported).toBe(0);

    const edited = path.join(dir, "content/articles/walking-after-work.mdx");
    writeFileSync(edited, readFileSync(edited, "utf8").replace("Twenty minutes", "Half an hour"));
    rmSync(path.join(dir, "content/articles/post-20.mdx"));
    const third = await run(dir);
    expect(third.leftAlone).toEqual([
      { file: "content/articles/walking-after-work.mdx", reason: "edited since the last import" },
      { file: "content/articles/post-20.mdx", reason: "deleted since the last import; not recreated" },
    ]);
    expect(readFileSync(edited, "utf8")).toContain("Half an hour");

    await run(dir, { overwrite: true });
    expect(readFileSync(edited, "utf8")).toContain("Twenty minutes");
    expect(existsSync(path.join(dir, "content/articles/post-20.mdx"))).toBe(true);
  });
});

describe("writing nothing", () => {
  it("a dry run prints the same counts and changes no file", async () => {
    const dir = project();
    const before = snapshot(dir);
    const r = await importWordPress({ file: EXPORT, root: dir, uploads: UPLOADS, dryRun: true, now: NOW });
    expect(r.dryRun).toBe(true);
    expect(r.counts.posts.imported).toBe(9);
    expect(snapshot(dir)).toEqual(before);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a file that is not a WordPress export is refused before anything is written", async () => {
    const dir = project();
    const before = snapshot(dir);
    const bad = path.join(dir, "feed.xml");
    writeFileSync(bad, '<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title></item></channel></rss>');
    await expect(importWordPress({ file: bad, root: dir, now: NOW })).rejects.toBeInstanceOf(WxrError);
    await expect(importWordPress({ file: EXPORT, root: dir, uploads: path.join(dir, "no-such-dir"), now: NOW })).rejects.toThrow(
      /--uploads/,
    );
    mkdirSync(path.join(dir, "x"));
    expect(snapshot(dir)).toEqual(before);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("odd markup", () => {
  it("an export of awkward HTML (pipes in tables, nested quotes, braces, entities, broken blocks, stray tags) still passes content:check", async () => {
    const dir = project();
    const r = await importWordPress({ file: path.join(FIXTURES, "odd-markup.xml"), root: dir, now: NOW });
    expect(r.counts.posts).toMatchObject({ imported: 9, failed: 0 });
    const check = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/content-check.ts")], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(`${check.stdout}${check.stderr}`).toMatch(/0 errors, \d+ warnings? — OK/);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe("npm run import:wordpress", () => {
  it("refuses a file that is not an export with exit code 1 and a reason; a dry run prints the report and exits 0", async () => {
    const dir = project();
    const url = `file:${path.join(dir, "cli.db")}`;
    await applyMigrations(url);
    const cli = (...args: string[]) =>
      spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/import-wordpress.ts"), ...args], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: url, APP_MODE: "local" },
      });
    writeFileSync(path.join(dir, "page.html"), "<!doctype html><html><body>not an export</body></html>");
    const bad = cli("page.html");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("not a WordPress export: the file's first element is <html>");
    expect(bad.stderr).toContain("Nothing was written.");
    expect(cli("--help").stdout).toContain("usage: npm run import:wordpress");
    expect(cli().status).toBe(2);
    expect(cli(EXPORT, "--dry-rn").stderr).toContain("Unknown option");
    const dry = cli(EXPORT, "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("Dry run: nothing was written.");
    expect(dry.stdout).toMatch(/comments\s+6\s/);
    expect(existsSync(path.join(dir, "content/articles/cat-cow-stretch.mdx"))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe("comments from the export", () => {
  it("carry state, threading, dates and the WordPress id; pingbacks, trackbacks, trashed and page comments are counted, not imported", async () => {
    const plan = await planImport(await readWxrFile(EXPORT), "spine-notes.xml", readRepo(root), { authorMap: {}, now: NOW });
    const byId = new Map(plan.comments.map((c) => [c.importedId.split(":").pop(), c]));
    expect([...byId.keys()].sort()).toEqual(["201", "202", "203", "204", "205", "209"]);
    expect(byId.get("201")).toMatchObject({
      articleSlug: "walking-after-work",
      status: "approved",
      authorName: "Maya R.",
      authorEmail: "maya@readers.example",
      authorUrl: "https://maya.example",
      parentImportedId: null,
      body: "I started doing this in October and my mornings are *much* better.\nThank you!\n\nAlso this shoe guide (https://www.example.org/shoes) helped.",
    });
    expect(byId.get("203")!.parentImportedId).toBe("wordpress:old.spine-notes.example:202");
    expect(byId.get("204")!.status).toBe("pending");
    expect(byId.get("205")!.status).toBe("spam");
    // An address typed as a name is not shown: its local part is.
    expect(byId.get("209")).toMatchObject({
      authorName: "quiet.walker",
      authorEmail: null,
      authorUrl: null,
      createdAt: new Date("2023-12-06T10:00:00Z"),
    });
    // Parents come before their replies.
    const order = plan.comments.map((c) => c.importedId);
    expect(order.indexOf(byId.get("202")!.importedId)).toBeLessThan(order.indexOf(byId.get("203")!.importedId));
    expect(plan.report.skippedTotals).toMatchObject({ pingbacks: 1, trackbacks: 1, "trashed comments": 1 });
  });
});
