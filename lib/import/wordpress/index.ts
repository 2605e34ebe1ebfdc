/**
 * Moving a WordPress site in: one call that reads an export (WXR), plans
 * every file, comment and redirect, and carries the plan out
 * (docs/decisions/0025). The CLI (scripts/import-wordpress.ts), the
 * benchmark and the tests all call this.
 *
 *   read (reader.ts, streaming) → plan (plan.ts, HTML → MDX per post) → apply (apply.ts)
 *
 * Nothing is written until the whole export has been read and converted, so
 * an unreadable or non-WordPress file (WxrError) leaves the repository and
 * the database as they were.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { Db } from "../../db";
import { applyPlan } from "./apply";
import { planImport } from "./plan";
import { readWxrFile, WxrError } from "./reader";
import { readRepo } from "./repo";
import type { ImportReport } from "./report";

export { WxrError } from "./reader";
export { formatReport, type ImportReport } from "./report";

export type ImportOptions = {
  file: string;
  /** The project root (content/, public/, imports/ are below it). */
  root: string;
  uploads?: string;
  /** A YAML or JSON file mapping WordPress logins to existing author slugs. */
  authorMap?: string;
  dryRun?: boolean;
  overwrite?: boolean;
  db?: Db;
  now?: Date;
  progress?: (phase: "read" | "convert" | "comments", done: number, total: number) => void;
};

export async function importWordPress(o: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const authorMap = o.authorMap ? readAuthorMap(o.authorMap) : {};
  if (o.uploads && !(existsSync(o.uploads) && statSync(o.uploads).isDirectory()))
    throw new WxrError(`--uploads ${o.uploads} is not a folder (give a copy of wp-content/uploads)`);
  const wxr = await readWxrFile(o.file, { onProgress: (d, t) => o.progress?.("read", d, t) });
  const repo = readRepo(o.root);
  const plan = await planImport(wxr, path.basename(o.file), repo, {
    uploads: o.uploads,
    authorMap,
    now: o.now ?? new Date(),
    onItem: (d, t) => o.progress?.("convert", d, t),
  });
  plan.report.export.file = o.file;
  await applyPlan(plan, repo, {
    dryRun: Boolean(o.dryRun),
    overwrite: Boolean(o.overwrite),
    db: o.db,
    onComments: (d, t) => o.progress?.("comments", d, t),
  });
  plan.report.seconds = (performance.now() - started) / 1000;
  return plan.report;
}

function readAuthorMap(file: string): Record<string, string> {
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new WxrError(`--author-map ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || Object.values(data).some((v) => typeof v !== "string"))
    throw new WxrError(`--author-map ${file} must map WordPress logins to author slugs, one per line: "admin: dana-whitcombe"`);
  return data as Record<string, string>;
}
