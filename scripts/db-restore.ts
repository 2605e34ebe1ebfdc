// npm run db:restore -- <file>
// Puts a SQLite backup made by db:backup in place of DATABASE_URL's file.
// Refuses while a server answers on PORT (GET /api/health on loopback) or a
// live newsletter worker holds deliveries: a running process would keep
// writing to the file being replaced. The replaced file is kept beside it.
import { restoreBlocker, restoreSqlite } from "../lib/db/backup";
import { migrationStatus } from "../lib/db/migrations";
import { databaseKind } from "../lib/db/url";
import { env } from "../lib/env";
import { isMain, main, parse, UsageError, type Tool } from "./cli";

export const restoreTool: Tool = {
  name: "db:restore",
  usage: `usage: npm run db:restore -- <backup.db>
  Stop the server and every worker first; the current database is kept as <file>.before-restore-<time>.
  PostgreSQL dumps are restored with pg_restore (docs/operations.md).`,
  async run(args, io) {
    const { positionals } = parse(args, {});
    if (positionals.length !== 1) throw new UsageError("name one backup file");
    const url = env().DATABASE_URL;
    if (databaseKind(url) !== "sqlite")
      throw new UsageError("DATABASE_URL is PostgreSQL: restore its dump with pg_restore (docs/operations.md, Restoring)");
    const blocker = await restoreBlocker(url, env().PORT);
    if (blocker) {
      io.err(`db:restore: refused: ${blocker}`);
      return 1;
    }
    const r = restoreSqlite(url, positionals[0]!);
    io.out(`db:restore: ${positionals[0]} → ${r.target} (verified)`);
    if (r.previous) io.out(`db:restore: the database it replaced is kept at ${r.previous}`);
    const status = await migrationStatus(url);
    if (status.pending.length)
      io.out(`db:restore: the backup is ${status.pending.length} migration(s) behind this code: run npm run db:migrate`);
    if (status.unknown.length)
      io.out(`db:restore: the backup has migrations this code does not know (${status.unknown.join(", ")}): deploy newer code`);
    return 0;
  },
};

if (isMain(import.meta.url)) await main(restoreTool);
