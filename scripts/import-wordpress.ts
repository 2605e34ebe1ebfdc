// npm run import:wordpress -- <export.xml> [--uploads <dir>] [--dry-run] [--author-map <file>] [--overwrite] [--report <file.json>]
// Moves a WordPress site in from its export (Tools → Export): articles, pages,
// authors, categories and tags as content files, comments into the database,
// old links as redirects, media from a copy of wp-content/uploads. Prints a
// report and writes it as JSON. Exit 0 when the import is complete (warnings
// included), 1 when the file cannot be imported (nothing is written then) or
// part of the import failed, 2 when called wrongly. The rules live in
// lib/import/wordpress (decision 0025).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MultiBar, Presets, type SingleBar } from "cli-progress";
import { db, disconnectDb } from "../lib/db";
import { checkDatabase } from "../lib/db/health";
import { env } from "../lib/env";
import { formatReport, importWordPress, WxrError } from "../lib/import/wordpress";
import { isMain, main, parse, UsageError, type Tool } from "./cli";

const USAGE = `usage: npm run import:wordpress -- <export.xml> [--uploads <dir>] [--dry-run] [--author-map <file>] [--overwrite] [--report <file.json>]

  --uploads <dir>      a copy of the site's wp-content/uploads: images and files the posts use are copied into public/
  --dry-run            write nothing; print the same report
  --author-map <file>  YAML or JSON mapping WordPress logins to existing authors ("admin: dana-whitcombe")
  --overwrite          replace imported files even if they were edited since the last import
  --report <file>      where to write the JSON report (default data/wordpress-import-report.json)`;

type Phase = "read" | "convert" | "comments";
const LABELS: Record<Phase, string> = { read: "reading   ", convert: "converting", comments: "comments  " };

/** Progress bars on a terminal (stderr), nothing otherwise. */
function progressBars() {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bars = new MultiBar(
    { hideCursor: true, clearOnComplete: true, format: "{phase} [{bar}] {percentage}% {detail}" },
    Presets.shades_grey,
  );
  const current: Partial<Record<Phase, SingleBar>> = {};
  return {
    update(phase: Phase, done: number, total: number) {
      const detail = phase === "read" ? `${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB` : `${done} of ${total}`;
      const bar = (current[phase] ??= bars.create(total, 0, { phase: LABELS[phase], detail }));
      bar.setTotal(total);
      bar.update(done, { phase: LABELS[phase], detail });
    },
    stop: () => bars.stop(),
  };
}

export const importWordpressTool: Tool = {
  name: "import:wordpress",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      uploads: { type: "string" },
      "dry-run": { type: "boolean" },
      "author-map": { type: "string" },
      overwrite: { type: "boolean" },
      report: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError(positionals.length ? "give one export file" : "no export file given");

    // Comments go into the database: it must be there and on the current migrations.
    const health = await checkDatabase(env().DATABASE_URL);
    if (!health.ok) {
      io.err(`import:wordpress: ${health.problem}`);
      return 1;
    }
    const progress = progressBars();
    try {
      const report = await importWordPress({
        file: positionals[0],
        root: process.cwd(),
        uploads: values.uploads,
        authorMap: values["author-map"],
        dryRun: values["dry-run"],
        overwrite: values.overwrite,
        db: db(),
        progress: (phase, done, total) => progress.update(phase, done, total),
      });
      progress.stop();
      const reportPath = values.report ?? "data/wordpress-import-report.json";
      mkdirSync(path.dirname(path.resolve(reportPath)), { recursive: true });
      writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
      io.out(formatReport(report, reportPath));
      const failed = Object.values(report.counts).some((c) => c.failed > 0);
      if (!report.dryRun && !failed)
        io.out("\nNext: npm run content:check, then npm run build (the imported comments appear in the rebuilt pages).");
      return failed ? 1 : 0;
    } catch (e) {
      progress.stop();
      if (e instanceof WxrError) {
        io.err(`import:wordpress: ${e.message}\nNothing was written.`);
        return 1;
      }
      throw e;
    }
  },
  close: disconnectDb,
};

if (isMain(import.meta.url)) await main(importWordpressTool);
