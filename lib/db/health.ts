import { databaseKind, type DatabaseKind } from "./url";
import { migrationStatus } from "./migrations";

export type DbHealth =
  { ok: true; database: DatabaseKind; ahead?: string[] } | { ok: false; database: DatabaseKind | "unknown"; problem: string };

/**
 * Reachable and on the committed migrations? The answer names the problem
 * for an operator but never the connection string or its password.
 */
export async function checkDatabase(url: string): Promise<DbHealth> {
  let kind: DatabaseKind;
  try {
    kind = databaseKind(url);
  } catch {
    return { ok: false, database: "unknown", problem: "DATABASE_URL is not a file: or postgres:// URL" };
  }
  try {
    const s = await migrationStatus(url);
    if (s.pending.length)
      return {
        ok: false,
        database: kind,
        problem: `database is behind the migrations (pending: ${s.pending.join(", ")}); run \`npm run db:migrate\``,
      };
    if (s.modified.length)
      return { ok: false, database: kind, problem: `applied migrations differ from the committed files: ${s.modified.join(", ")}` };
    // A database migrated by a newer release is usable: during a rolling
    // deploy the instances not yet restarted run on it (migrations only add;
    // docs/operations.md, Upgrades). Reported, not refused; db:migrate refuses.
    if (s.unknown.length) return { ok: true, database: kind, ahead: s.unknown };
    return { ok: true, database: kind };
  } catch (e) {
    const message = (e as Error).message.replace(/postgres(ql)?:\/\/\S+/g, "(database)");
    return { ok: false, database: kind, problem: `database unreachable: ${message}` };
  }
}
