// What `npm run dev` prints after a save (contentlayer's onSuccess hook and
// the watcher both call this): every problem, once per save.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { documentTypes } from "../../contentlayer.config";
import { reportContentOnSave } from "./on-save";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "bim-on-save-"));
cpSync(path.join(ROOT, "content"), path.join(dir, "content"), { recursive: true });
symlinkSync(path.join(ROOT, "public"), path.join(dir, "public"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the report on save", () => {
  it("prints every problem after a save, and a second report of the same save only adds its note", () => {
    const file = path.join(dir, "content/articles/tech-neck.mdx");
    writeFileSync(file, readFileSync(file, "utf8").replace("category: neck-pain", "category: necks"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      reportContentOnSave(dir, documentTypes);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors.mock.calls[0][0]).toBe(
        'content/articles/tech-neck.mdx:9:11  error  category: unknown category "necks" (known: back-pain, movement, neck-pain) [reference]\n' +
          "content:check: 30 documents, 1 error, 0 warnings",
      );
      reportContentOnSave(dir, documentTypes, "content: the last save could not be compiled");
      expect(errors).toHaveBeenCalledTimes(2);
      expect(errors.mock.calls[1][0]).toBe("content: the last save could not be compiled");
    } finally {
      errors.mockRestore();
    }
  });
});
