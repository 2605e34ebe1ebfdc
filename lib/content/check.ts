// The content check, as one function: read every file in content/, analyse
// each on its own (cached by its hash), then check what spans documents.
// scripts/content-check.ts runs it before compiling and rendering; the
// contentlayer2 onSuccess hook runs it on every save in `npm run dev`.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { DocumentType } from "contentlayer2/source-files";
import { analyseFile, type FileAnalysis } from "./check-file";
import { CLAIMS_FILE, readClaimRules } from "./claims";
import { docTypes } from "./doc-types";
import { checkAcrossDocuments, publicFiles } from "./integrity";
import { sortProblems, type ContentProblem } from "./problems";
import { readRedirects, REDIRECTS_FILE } from "./redirects";
import { readSettings, SETTINGS_FILE } from "./settings";
import { reservedRouteSegments } from "./site-paths";
import { readContentSources, splitFrontmatter } from "./source";
import { outlineOf, rememberOutline } from "./toc";

/** Part of every cache key; the hash of the check's own source (below) covers changes to the rules. */
export const CHECK_VERSION = "1";

/**
 * A hash of lib/content's source, so a cached analysis made by different
 * rules is never reused (a forgotten version bump would otherwise hide a new
 * rule's findings until the file changed).
 */
function checkSourceHash(root: string): string {
  const dir = path.join(root, "lib", "content");
  if (!existsSync(dir)) return "";
  const hash = createHash("sha1");
  for (const f of readdirSync(dir).sort()) if (f.endsWith(".ts") && !f.includes(".test.")) hash.update(f).update(readFileSync(path.join(dir, f)));
  return hash.digest("hex");
}

/** Files in content/ that are the check's own configuration, not documents. */
export const SPECIAL_FILES = [CLAIMS_FILE, SETTINGS_FILE, REDIRECTS_FILE];

export type AnalysisCache = { get(key: string): FileAnalysis | undefined; set(key: string, value: FileAnalysis): void };

export type ContentCheckResult = {
  problems: ContentProblem[];
  files: FileAnalysis[];
  /** Files with errors that stop contentlayer2 compiling them. */
  blockingFiles: string[];
};

export function checkContent(opts: { root: string; documentTypes: DocumentType[]; now?: Date; cache?: AnalysisCache }): ContentCheckResult {
  const { root } = opts;
  const now = opts.now ?? new Date();
  const claims = readClaimRules(root);
  const settings = readSettings(root);
  const reservedSegments = reservedRouteSegments(root);
  const ctx = { types: docTypes(opts.documentTypes), rules: claims.rules, settings: settings.settings, reservedSegments };
  const ctxKey = createHash("sha1")
    .update([CHECK_VERSION, checkSourceHash(root), claims.text, settings.text, [...reservedSegments].sort().join(",")].join("\0"))
    .digest("hex")
    .slice(0, 16);

  const files: FileAnalysis[] = [];
  for (const source of readContentSources(root)) {
    if (SPECIAL_FILES.includes(source.file)) continue;
    const key = `${ctxKey}:${source.file}:${source.hash}`;
    let analysis = opts.cache?.get(key);
    if (analysis) {
      // contentlayer2's computed fields reuse what the analysis found (lib/content/toc.ts).
      const split = splitFrontmatter(source.text);
      if (analysis.facts && !("error" in split))
        rememberOutline(split.body, outlineOf(analysis.facts));
    } else {
      analysis = analyseFile(source, ctx);
      opts.cache?.set(key, analysis);
    }
    files.push(analysis);
  }

  const redirects = readRedirects(root);
  const problems: ContentProblem[] = [
    ...claims.problems.map((p) => ({ file: CLAIMS_FILE, ...p, rule: "claims-file", severity: "error" as const, message: `${p.message} (this rule is not applied until it is fixed)` })),
    ...settings.problems.map((p) => ({ file: SETTINGS_FILE, ...p, rule: "settings-file", severity: "error" as const })),
    ...redirects.problems,
    ...files.flatMap((f) => f.problems),
    ...checkAcrossDocuments({ files, now, settings: settings.settings, publicFile: publicFiles(root), redirects: redirects.redirects }),
  ];
  return { problems: sortProblems(problems), files, blockingFiles: files.filter((f) => f.blocking).map((f) => f.file) };
}
