import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generatedContent, missingGeneratedFiles, readOnce } from "./generated";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function jsonFile(value: unknown): { file: string; write: (v: unknown, secondsAhead: number) => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "generated-"));
  dirs.push(dir);
  const file = path.join(dir, "_index.json");
  const write = (v: unknown, secondsAhead: number) => {
    writeFileSync(file, JSON.stringify(v));
    // An explicit modification time: two writes within one clock tick still differ.
    const at = new Date(Date.now() + secondsAhead * 1000);
    utimesSync(file, at, at);
  };
  write(value, 0);
  return { file, write };
}

const reader = (file: string) => () => JSON.parse(readFileSync(file, "utf8")) as { title: string };

describe("generated documents read as files", () => {
  it("reads the documents the content check generated", () => {
    const set = generatedContent();
    expect(set.articles.length).toBeGreaterThan(0);
    expect(set.articles.every((a) => typeof a.slug === "string" && !Number.isNaN(Date.parse(a.published)))).toBe(true);
    expect(set.authors.length).toBeGreaterThan(0);
    // Read once: the same object each time, so what is built from it is built once.
    expect(generatedContent()).toBe(set);
  });

  it("outside next dev, keeps what it read even when the file changes", () => {
    const { file, write } = jsonFile({ title: "first" });
    const read = readOnce(() => [file], reader(file), false);
    expect(read().title).toBe("first");
    write({ title: "second" }, 5);
    expect(read().title).toBe("first");
  });

  it("under next dev, reads the file again after the watcher rewrote it", async () => {
    const { file, write } = jsonFile({ title: "first" });
    const read = readOnce(() => [file], reader(file), true);
    const first = read();
    expect(first.title).toBe("first");
    // Unchanged file: the same value, not a new parse.
    await new Promise((r) => setTimeout(r, 600));
    expect(read()).toBe(first);
    write({ title: "saved by the editor" }, 5);
    await new Promise((r) => setTimeout(r, 600));
    expect(read().title).toBe("saved by the editor");
  });

  it("names the generated files a folder lacks, so the server can refuse to start without them", () => {
    expect(missingGeneratedFiles()).toEqual([]);
    const dir = mkdtempSync(path.join(os.tmpdir(), "no-content-"));
    dirs.push(dir);
    expect(missingGeneratedFiles(dir)).toContain(".contentlayer/generated/Article/_index.json");
    expect(missingGeneratedFiles(dir)).toHaveLength(7);
  });
});
