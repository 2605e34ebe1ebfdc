// Runs the real `content:check` against throwaway copies of content/, each
// with one editor mistake, and checks the message names the file and field.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = process.cwd();
const dirs: string[] = [];

function fixtureProject(edit: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bim-content-"));
  dirs.push(dir);
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  for (const f of ["contentlayer.config.ts", "package.json", "lib/content/toc.ts", "content"]) cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  edit(dir);
  return dir;
}

function contentCheck(dir: string) {
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/content-check.ts")], { cwd: dir, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function editFile(dir: string, file: string, change: (s: string) => string) {
  const p = path.join(dir, file);
  writeFileSync(p, change(readFileSync(p, "utf8")));
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("npm run content:check", () => {
  it("passes on the sample content", () => {
    const r = contentCheck(fixtureProject(() => {}));
    expect(r.output).toContain("documents OK");
    expect(r.status).toBe(0);
  });

  it("fails on a missing required field, naming file and field", () => {
    const dir = fixtureProject((d) => editFile(d, "content/articles/tech-neck.mdx", (s) => s.replace(/^description:.*\n/m, "")));
    const r = contentCheck(dir);
    expect(r.status).toBe(1);
    expect(r.output).toContain("articles/tech-neck.mdx");
    expect(r.output).toMatch(/description/);
  });

  it("fails on an invalid date, naming file and field", () => {
    const dir = fixtureProject((d) => editFile(d, "content/articles/tech-neck.mdx", (s) => s.replace(/^published:.*$/m, "published: next tuesday")));
    const r = contentCheck(dir);
    expect(r.status).toBe(1);
    expect(r.output).toContain("articles/tech-neck.mdx");
    expect(r.output).toContain("published");
  });

  it("fails on a hero image with no alt field", () => {
    const dir = fixtureProject((d) => editFile(d, "content/articles/tech-neck.mdx", (s) => s.replace(/^  alt: Abstract illustration of a head.*\n/m, "")));
    const r = contentCheck(dir);
    expect(r.status).toBe(1);
    expect(r.output).toContain("articles/tech-neck.mdx");
    expect(r.output).toContain("alt");
  });

  it("fails on an unknown field (a typo in frontmatter)", () => {
    const dir = fixtureProject((d) => editFile(d, "content/articles/tech-neck.mdx", (s) => s.replace(/^category:/m, "categroy: neck-pain\ncategory:")));
    const r = contentCheck(dir);
    expect(r.status).toBe(1);
    expect(r.output).toContain("categroy");
  });

  it("fails on cross-document mistakes with one line per problem", () => {
    const dir = fixtureProject((d) => {
      editFile(d, "content/articles/tech-neck.mdx", (s) => s.replace(/^author: .*$/m, "author: nobody").replace("## Four easy exercises", "<Sparkle />\n\n## Four easy exercises"));
      cpSync(path.join(d, "content/articles/walking-for-low-back-pain.mdx"), path.join(d, "content/articles/2025/walking-for-low-back-pain.mdx"));
    });
    const r = contentCheck(dir);
    expect(r.status).toBe(1);
    expect(r.output).toContain('content/articles/tech-neck.mdx: author: unknown author "nobody"');
    expect(r.output).toContain("content/articles/tech-neck.mdx: body: unknown MDX component <Sparkle>");
    expect(r.output).toMatch(/slug: duplicate slug "walking-for-low-back-pain"/);
  });

  it("fails on a file contentlayer cannot map to a type", () => {
    const dir = fixtureProject((d) => writeFileSync(path.join(d, "content/products/notes.txt.mdx"), "---\nname: x\n---\n"));
    const r = contentCheck(dir);
    expect(r.status).toBe(1);
    expect(r.output).toContain("notes.txt.mdx");
  });
});
