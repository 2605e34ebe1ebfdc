import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { documentTypes } from "../../contentlayer.config";
import { checkContent } from "./check";
import { NEW_KINDS, newContentFile } from "./templates";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "bim-new-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run new", () => {
  it("writes for each kind a file that passes the check as written, without a single warning", () => {
    cpSync(path.join(ROOT, "content"), path.join(dir, "content"), { recursive: true });
    symlinkSync(path.join(ROOT, "public"), path.join(dir, "public"));
    const ctx = { today: "2026-11-25", authors: ["dana-whitcombe", "marcus-hale"], categories: ["back-pain", "movement"] };
    const files = NEW_KINDS.map((kind) => newContentFile(kind, `brand-new-${kind}`, ctx));
    for (const f of files) writeFileSync(path.join(dir, f.file), f.text);
    const { problems, files: analysed } = checkContent({ root: dir, documentTypes, now: new Date("2026-11-25T12:00:00Z") });
    expect(problems).toEqual([]);
    for (const f of files) expect(analysed.some((a) => a.file === f.file && a.doc)).toBe(true);
  });

  it("documents every required field with a comment", () => {
    const { text } = newContentFile("article", "x", { today: "2026-11-25", authors: ["a"], categories: ["c"] });
    for (const field of ["title", "description", "author", "published", "category", "hero"])
      expect(text).toMatch(new RegExp(`# [^\\n]+\\n${field}:`));
  });
});
