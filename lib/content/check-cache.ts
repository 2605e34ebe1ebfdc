// The check's per-file results, kept between runs in .contentlayer/.cache so
// a warm check analyses only the files that changed (keys carry the file's
// hash and the rules' hash; see CHECK_VERSION in check.ts).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AnalysisCache } from "./check";
import type { FileAnalysis } from "./check-file";

export function fileCache(root: string): AnalysisCache & { save(): void } {
  const file = path.join(root, ".contentlayer", ".cache", "content-check.json");
  let stored: Record<string, FileAnalysis> = {};
  try {
    if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    stored = {}; // a damaged cache is only a slower run
  }
  const used: Record<string, FileAnalysis> = {};
  let changed = false;
  return {
    get: (key) => {
      const hit = stored[key];
      if (hit) used[key] = hit;
      return hit;
    },
    set: (key, value) => {
      used[key] = value;
      changed = true;
    },
    save: () => {
      if (!changed && Object.keys(used).length === Object.keys(stored).length) return;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(used));
      renameSync(`${file}.tmp`, file);
    },
  };
}

/** An in-memory cache for a long-running process (the dev watcher). */
export function memoryCache(): AnalysisCache {
  const map = new Map<string, FileAnalysis>();
  return { get: (k) => map.get(k), set: (k, v) => void map.set(k, v) };
}
