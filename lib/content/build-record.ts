// What content:check compiled and rendered last time, so a run in which
// nothing changed does not compile again: a stamp of every input (each file
// in content/, the schema, the check's and the components' source, the
// installed contentlayer2 and mdx-bundler) and the outcome, kept beside
// contentlayer's own cache. Any change, or a missing output, means a compile.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ContentProblem } from "./problems";

export type BuildOutcomeRecord = { compiled: true; problems: ContentProblem[] };
type Record_ = { stamp: string; outcome: BuildOutcomeRecord };

const recordFile = (root: string) => path.join(root, ".contentlayer", ".cache", "content-check-build.json");

function hashTree(hash: ReturnType<typeof createHash>, dir: string, filter: (name: string) => boolean) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && entry.name !== "node_modules") hashTree(hash, full, filter);
    } else if (filter(entry.name)) hash.update(full).update(readFileSync(full));
  }
}

export function buildStamp(root: string, render: boolean): string {
  const hash = createHash("sha1").update(render ? "render" : "compile");
  hashTree(hash, path.join(root, "content"), () => true);
  hashTree(hash, path.join(root, "lib", "content"), (n) => n.endsWith(".ts"));
  hashTree(hash, path.join(root, "components"), (n) => n.endsWith(".tsx") || n.endsWith(".ts"));
  for (const f of ["contentlayer.config.ts", "node_modules/contentlayer2/package.json", "node_modules/mdx-bundler/package.json"])
    if (existsSync(path.join(root, f))) hash.update(f).update(readFileSync(path.join(root, f)));
  // The public files images are checked against are part of the check itself, not of the compile.
  return hash.digest("hex");
}

export function readBuildRecord(root: string): Record_ | undefined {
  const outputs = [path.join(root, ".contentlayer", "generated", "index.mjs"), path.join(root, ".contentlayer", "rendered.json")];
  try {
    if (!outputs.every((o) => existsSync(o) && statSync(o).size > 0)) return undefined;
    return JSON.parse(readFileSync(recordFile(root), "utf8")) as Record_;
  } catch {
    return undefined;
  }
}

/** Remembers a successful compile; a failed one is forgotten, so the next run compiles. */
export function writeBuildRecord(root: string, record: Record_ | undefined) {
  const file = recordFile(root);
  if (!record) {
    if (existsSync(file)) writeFileSync(file, "{}");
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(record));
}
