/**
 * What an import did and what it needs from a person, printed and written
 * as JSON. Every item that needs attention names the file (and line) to open
 * and where it came from in the export.
 */

export const KINDS = ["posts", "pages", "authors", "categories", "tags", "comments", "redirects", "media"] as const;
export type Kind = (typeof KINDS)[number];
export type Count = { imported: number; updated: number; unchanged: number; leftAlone: number; skipped: number; failed: number };

export type Attention = {
  /** e.g. unknown-shortcode, alt-text, credentials, media, link, … */
  code: string;
  message: string;
  /** The file in the repository to open, when there is one. */
  file?: string;
  line?: number;
  /** Where it came from: "export.xml:1234 (post 56)". */
  source?: string;
};

export type Skipped = { kind: string; title: string; reason: string; source?: string };

export type ImportReport = {
  export: { file: string; site: string; title: string; wxrVersion: string; bytes: number };
  dryRun: boolean;
  counts: Record<Kind, Count>;
  /** Items not carried over, and why (private, trashed, pingbacks, …). */
  skipped: Skipped[];
  /** Skipped things too numerous to list one by one: "pingbacks": 12. */
  skippedTotals: Record<string, number>;
  attention: Attention[];
  /** Files already in the repository that this run did not overwrite (edited since the last import, or not the importer's). */
  leftAlone: { file: string; reason: string }[];
  /** Remote images and files kept as remote addresses (no --uploads, or not found in it). */
  remoteMedia: string[];
  notes: string[];
  /** Wall-clock seconds. */
  seconds: number;
};

export function emptyReport(file: string, dryRun: boolean): ImportReport {
  const counts = {} as Record<Kind, Count>;
  for (const k of KINDS) counts[k] = { imported: 0, updated: 0, unchanged: 0, leftAlone: 0, skipped: 0, failed: 0 };
  return {
    export: { file, site: "", title: "", wxrVersion: "", bytes: 0 },
    dryRun,
    counts,
    skipped: [],
    skippedTotals: {},
    attention: [],
    leftAlone: [],
    remoteMedia: [],
    notes: [],
    seconds: 0,
  };
}

/** The report as a person reads it in a terminal. */
export function formatReport(r: ImportReport, reportPath?: string): string {
  const lines: string[] = [];
  const verb = r.dryRun ? "would import" : "imported";
  lines.push(
    `${r.dryRun ? "Dry run: nothing was written. " : ""}WordPress export ${r.export.file} (${r.export.title || r.export.site}, WXR ${r.export.wxrVersion || "?"})`,
  );
  lines.push("");
  lines.push(`${"".padEnd(11)}${verb.padStart(13)}  updated  unchanged  left alone  skipped  failed`);
  for (const [k, c] of Object.entries(r.counts))
    lines.push(
      `${k.padEnd(11)}${String(c.imported).padStart(13)}  ${String(c.updated).padStart(7)}  ${String(c.unchanged).padStart(9)}  ${String(c.leftAlone).padStart(10)}  ${String(c.skipped).padStart(7)}  ${String(c.failed).padStart(6)}`,
    );
  const totals = Object.entries(r.skippedTotals).filter(([, n]) => n > 0);
  if (totals.length) lines.push("", `Not carried over: ${totals.map(([k, n]) => `${n} ${k}`).join(", ")}`);
  if (r.skipped.length) {
    lines.push("", `Skipped (${r.skipped.length}):`);
    for (const s of r.skipped.slice(0, 50)) lines.push(`  ${s.kind} “${s.title}”: ${s.reason}${s.source ? ` [${s.source}]` : ""}`);
    if (r.skipped.length > 50) lines.push(`  … and ${r.skipped.length - 50} more in the JSON report`);
  }
  if (r.leftAlone.length) {
    lines.push("", `Left alone (${r.leftAlone.length}; --overwrite replaces them):`);
    for (const f of r.leftAlone.slice(0, 50)) lines.push(`  ${f.file}: ${f.reason}`);
    if (r.leftAlone.length > 50) lines.push(`  … and ${r.leftAlone.length - 50} more in the JSON report`);
  }
  if (r.attention.length) {
    lines.push("", `Needs a person (${r.attention.length}):`);
    for (const a of r.attention.slice(0, 200))
      lines.push(`  ${a.file ? `${a.file}${a.line ? `:${a.line}` : ""}: ` : ""}${a.message}${a.source ? ` [${a.source}]` : ""}`);
    if (r.attention.length > 200) lines.push(`  … and ${r.attention.length - 200} more in the JSON report`);
  }
  if (r.remoteMedia.length)
    lines.push(
      "",
      `${r.remoteMedia.length} image(s) and file(s) stay on their remote addresses (listed in the JSON report; --uploads copies them)`,
    );
  for (const n of r.notes) lines.push("", `Note: ${n}`);
  if (reportPath) lines.push("", `Full report: ${reportPath}`);
  lines.push(`Done in ${r.seconds.toFixed(1)} s.`);
  return lines.join("\n");
}
