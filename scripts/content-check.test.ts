// Runs the real `npm run content:check` (contentlayer2 compile and render
// included) against throwaway copies of the project, as an editor or CI
// would. Every rule's message and position is asserted in
// lib/content/check.corpus.test.ts; these check the command around them.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Each test spawns the whole check (a compile and a render); on a busy machine that takes a while.
const SLOW = 180_000;

const root = process.cwd();
const dirs: string[] = [];

function fixtureProject(edit: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bim-content-"));
  dirs.push(dir);
  for (const link of ["node_modules", "public"]) symlinkSync(path.join(root, link), path.join(dir, link));
  for (const f of ["contentlayer.config.ts", "package.json", "lib/content", "content"])
    cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  edit(dir);
  return dir;
}

function contentCheck(dir: string, ...args: string[]) {
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/content-check.ts"), ...args], {
    cwd: dir,
    encoding: "utf8",
    // The components use the "@/…" paths of the project's tsconfig, which the fixture has no copy of.
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.scripts.json") },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}${r.stderr}` };
}

function editFile(dir: string, file: string, change: (s: string) => string) {
  const p = path.join(dir, file);
  writeFileSync(p, change(readFileSync(p, "utf8")));
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("npm run content:check", () => {
  it("passes on the sample content, compiling with contentlayer2 and rendering every body", { timeout: SLOW }, () => {
    const dir = fixtureProject();
    const r = contentCheck(dir, "--strict");
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^content:check: \d+ documents, 0 errors, 0 warnings — OK\n$/);
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, ".contentlayer/generated/Article/_index.json"))).toBe(true);
    const rendered = JSON.parse(readFileSync(path.join(dir, ".contentlayer/rendered.json"), "utf8"));
    const articles = JSON.parse(readFileSync(path.join(dir, ".contentlayer/generated/Article/_index.json"), "utf8"));
    expect(Object.keys(rendered).length).toBeGreaterThanOrEqual(articles.length);
    expect(Object.values(rendered).join("")).toContain('<a href="#ref-hayden-2021"');
  });

  it("reports every problem in one run with file:line:column, never a stack trace or contentlayer's advice", { timeout: SLOW }, () => {
    const dir = fixtureProject((d) => {
      editFile(d, "content/articles/tech-neck.mdx", (s) =>
        s.replace(/^author: .*$/m, "author: nobody").replace("## Four easy exercises", "<Callout>\n\n## Four easy exercises"),
      );
      editFile(d, "content/products/textured-foam-roller.yaml", (s) => s.replace("https://store.example.org", "http://store.example.org"));
    });
    const r = contentCheck(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "content/articles/tech-neck.mdx:48:1  error  body: <Callout> is opened but never closed; add </Callout> or write it self-closing as <Callout /> [mdx]",
    );
    expect(r.stderr).toContain('content/articles/tech-neck.mdx:5:9  error  author: unknown author "nobody"');
    expect(r.stderr).toContain(
      "content/products/textured-foam-roller.yaml:7:6  error  url: url http://store.example.org/textured-foam-roller uses http://; use the https:// address [value]",
    );
    expect(r.stderr).toContain("the build output (.contentlayer) was not updated; fix the errors below and run the check again");
    expect(r.output).not.toMatch(/open an issue|possibly a bug|\n\s+at /i);
  });

  // One project for both: the second run finds nothing changed and skips the compile, as an editor's second run would.
  let remoteHero: string | undefined;
  const remoteHeroProject = () =>
    (remoteHero ??= fixtureProject((d) =>
      editFile(d, "content/articles/tech-neck.mdx", (s) => s.replace("/images/articles/tech-neck.svg", "https://cdn.example.com/neck.svg")),
    ));

  it("--format github prints annotations on the lines at fault", { timeout: SLOW }, () => {
    const r = contentCheck(remoteHeroProject(), "--format", "github");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "::warning file=content/articles/tech-neck.mdx,line=12,col=8,title=hero.src (image)::image https://cdn.example.com/neck.svg is on another site",
    );
  });

  it("--strict fails on warnings", { timeout: SLOW }, () => {
    const r = contentCheck(remoteHeroProject(), "--format", "github", "--strict");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("::error file=content/articles/tech-neck.mdx,line=12,col=8");
  });

  it("--format json gives the problems and the verdict for tools", { timeout: SLOW }, () => {
    const dir = fixtureProject((d) =>
      editFile(d, "content/articles/tech-neck.mdx", (s) => s.replace("published: 2026-07-08", "published: 2026-02-30")),
    );
    const r = contentCheck(dir, "--format", "json");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ errors: 1, warnings: 0, failed: true });
    expect(report.problems).toEqual([
      {
        file: "content/articles/tech-neck.mdx",
        line: 8,
        column: 12,
        field: "published",
        rule: "field",
        severity: "error",
        message: 'published "2026-02-30" is not a real date: February 2026 has 28 days',
      },
    ]);
  });

  it("explains its options and refuses unknown ones", { timeout: SLOW }, () => {
    const help = contentCheck(root, "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--format FORMAT");
    const bad = contentCheck(root, "--format", "xml");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be text, github or json, not "xml"');
  });
});
