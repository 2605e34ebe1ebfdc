// What `npm run dev` prints after each save: the whole content check (cached
// per file, so only what changed is analysed again), as the text report.
// Called from contentlayer2's onSuccess hook (contentlayer.config.ts) and, for
// saves that stop contentlayer compiling, by `npm run content -- watch`.
import type { DocumentType } from "contentlayer2/source-files";
import { memoryCache } from "./check-cache";
import { checkContent } from "./check";
import { formatText, summaryLine, verdict } from "./report";

const cache = memoryCache();
// contentlayer can report one save twice (its hook, then the watcher for a file
// it could not compile), from two copies of this module (its bundled config and
// the watcher), so the last report is remembered on the global object.
const LAST = Symbol.for("spine-press.content-report");
const store = globalThis as unknown as Record<symbol, { text: string; at: number } | undefined>;

export function reportContentOnSave(root: string, documentTypes: DocumentType[], extra?: string): void {
  try {
    const result = checkContent({ root, documentTypes, cache });
    const v = verdict(result.problems, false);
    const text = [formatText(result.problems, false), summaryLine(v, result.files.length)].filter(Boolean).join("\n");
    const last = store[LAST];
    const repeat = last !== undefined && last.text === text && Date.now() - last.at < 10_000;
    store[LAST] = { text, at: Date.now() };
    const out = repeat ? extra : [text, extra].filter(Boolean).join("\n");
    if (out) (v.failed ? console.error : console.log)(out);
  } catch (e) {
    // The check must never take the dev server down with it.
    console.error(`content check could not run: ${e instanceof Error ? e.message : String(e)}`);
  }
}
