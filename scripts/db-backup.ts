// npm run db:backup [-- --to <dir>] [--keep N]
// An online, consistent snapshot of DATABASE_URL while the site keeps
// writing (SQLite: VACUUM INTO, then PRAGMA integrity_check; PostgreSQL:
// pg_dump --format=custom, read back by pg_restore --list). Keeps the newest
// N backups of this database in the folder and removes older ones.
import { backupDatabase } from "../lib/db/backup";
import { redactUrl } from "../lib/db/url";
import { env } from "../lib/env";
import { intFlag, isMain, main, parse, UsageError, type Tool } from "./cli";

export const backupTool: Tool = {
  name: "db:backup",
  usage: `usage: npm run db:backup [-- --to <dir>] [--keep N]
  --to <dir>   where backups go (default: backups/)
  --keep N     how many backups of this database to keep, newest first (default 7)`,
  async run(args, io) {
    const { values, positionals } = parse(args, { to: { type: "string" }, keep: { type: "string" } });
    if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    const keep = intFlag(values.keep, "keep", { min: 1, max: 10_000, default: 7 });
    const url = env().DATABASE_URL;
    const started = Date.now();
    const r = await backupDatabase(url, { dir: values.to ?? "backups", keep });
    io.out(
      `db:backup: ${redactUrl(url)} → ${r.file} (${(r.bytes / 1024).toFixed(0)} KiB, verified, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const f of r.removed) io.out(`db:backup: removed ${f} (keeping the newest ${keep})`);
    return 0;
  },
};

if (isMain(import.meta.url)) await main(backupTool);
