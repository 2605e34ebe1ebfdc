/**
 * Carries out a plan (plan.ts): writes the files, copies the media, merges
 * the redirects and inserts the comments, filling in the report's counts.
 *
 * A re-run changes nothing that an editor touched: each file the importer
 * writes is recorded in the manifest (repo.ts) with the hash of what it
 * wrote. On the next run a file whose content still has that hash is
 * refreshed if the export says something new (or left as it is); a file
 * whose hash differs was edited, and is left alone — listed in the report —
 * unless `overwrite` is set. A file that exists but was never written by the
 * importer is never replaced without `overwrite`, and one deleted since the
 * last import is not brought back.
 *
 * In a dry run nothing is written and the database is only read.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tagSlug } from "../../content/queries";
import type { Db } from "../../db";
import { countExisting, insertComments } from "./comments";
import type { Plan } from "./plan";
import { MANIFEST_FILE, sha256, type Manifest, type RepoState } from "./repo";
import { mergeRedirects, REDIRECTS_FILE } from "./redirects-file";

export type ApplyOptions = {
  dryRun: boolean;
  overwrite: boolean;
  /** The database for comments; without one, comments are counted but not inserted (and the report says so). */
  db?: Db;
  onComments?: (done: number, total: number) => void;
};

/** Writes through a temporary file, so a crash never leaves half a file. */
function writeAtomic(file: string, data: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.import-${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export async function applyPlan(plan: Plan, repo: RepoState, options: ApplyOptions): Promise<void> {
  const { report } = plan;
  report.dryRun = options.dryRun;
  const manifest: Manifest = { version: 1, site: report.export.site, entries: { ...repo.manifest.entries } };
  const abs = (p: string) => path.join(repo.root, p);

  // Tags are not files: a tag counts as imported when an article carrying it was written, else as unchanged.
  const tagsWritten = new Set<string>();
  const tagsSeen = new Set<string>();
  for (const out of plan.outputs) {
    const count = report.counts[out.kind];
    const file = abs(out.path);
    const data: string | Buffer = "content" in out ? out.content : readFileSync(out.copyFrom);
    const wanted = sha256(data);
    const entry = repo.manifest.entries[out.key];
    const exists = existsSync(file);
    let write = false;
    if (!exists) {
      if (entry && !options.overwrite) {
        count.leftAlone++;
        report.leftAlone.push({ file: out.path, reason: "deleted since the last import; not recreated" });
        continue;
      }
      write = true;
      count.imported++;
    } else {
      const current = sha256(readFileSync(file));
      if (current === wanted) count.unchanged++;
      else if ((entry && entry.file === out.path && entry.sha256 === current) || options.overwrite) {
        write = true;
        count.updated++;
      } else {
        count.leftAlone++;
        report.leftAlone.push({
          file: out.path,
          reason: entry ? "edited since the last import" : "already in the repository and not written by the importer",
        });
        continue;
      }
    }
    if (write && !options.dryRun) writeAtomic(file, data);
    manifest.entries[out.key] = { file: out.path, sha256: wanted };
    for (const t of "tags" in out ? (out.tags ?? []) : []) (write ? tagsWritten : tagsSeen).add(tagSlug(t));
  }
  report.counts.tags.imported = tagsWritten.size;
  report.counts.tags.unchanged = [...tagsSeen].filter((t) => !tagsWritten.has(t)).length;

  // Redirects: appended to content/redirects.yaml, editors' entries kept.
  const merge = mergeRedirects(abs(REDIRECTS_FILE), plan.redirects);
  report.counts.redirects.imported = merge.added.length;
  report.counts.redirects.unchanged = merge.unchanged;
  report.counts.redirects.leftAlone = merge.keptEditors.length;
  for (const k of merge.keptEditors)
    report.leftAlone.push({ file: REDIRECTS_FILE, reason: `${k.from} already leads to ${k.to} (the import would send it to ${k.ours})` });
  if (merge.added.length && !options.dryRun) writeAtomic(abs(REDIRECTS_FILE), merge.text);

  // Comments.
  const total = plan.comments.length;
  if (options.db) {
    if (options.dryRun) {
      const existing = await countExisting(options.db, plan.comments);
      report.counts.comments.imported = total - existing;
      report.counts.comments.unchanged = existing;
    } else {
      const r = await insertComments(options.db, plan.comments, options.onComments);
      report.counts.comments.imported = r.inserted;
      report.counts.comments.unchanged = r.existing;
    }
  } else if (total) {
    report.counts.comments.failed = total;
    report.notes.push(`${total} comment(s) were not imported: no database was available`);
  }

  const before = JSON.stringify(repo.manifest.entries);
  if (!options.dryRun && JSON.stringify(manifest.entries) !== before)
    writeAtomic(abs(MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
