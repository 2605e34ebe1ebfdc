import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, copyFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isDeadHere } from "../newsletter/leases";
import { databaseKind, postgresConnection, sqliteFilePath } from "./url";

/**
 * Backups and restores (decision 0033).
 *
 * SQLite: `VACUUM INTO` writes a consistent snapshot from one read
 * transaction. In WAL mode a reader never blocks the writer, so the site
 * keeps taking comments while it runs, and unlike the online backup API it
 * does not start over each time another connection writes (under steady
 * writes the backup API may never finish). The copy is then checked with
 * `PRAGMA integrity_check` before it gets its final name.
 *
 * PostgreSQL: `pg_dump --format=custom`, checked by `pg_restore --list`
 * reading it back. Restoring a PostgreSQL dump is pg_restore's job
 * (docs/operations.md), not this module's.
 */

export type BackupResult = { file: string; bytes: number; removed: string[] };

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.(\d{3})Z$/, "$1Z");

/** The backups of one database in `dir`, oldest first (names sort by time). */
export function listBackups(dir: string, base: string): string[] {
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d{8}T\\d{9}Z\\.(db|dump)$`);
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function prune(dir: string, base: string, keep: number): string[] {
  const all = listBackups(dir, base);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const f of old) rmSync(f, { force: true });
  return old;
}

/** Runs SQLite's own consistency check on a file; throws with its findings unless it says "ok". */
export function checkSqliteFile(file: string): void {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = conn.pragma("integrity_check") as { integrity_check: string }[];
    const findings = rows.map((r) => r.integrity_check);
    if (findings.length !== 1 || findings[0] !== "ok") throw new Error(`integrity check failed: ${findings.slice(0, 5).join("; ")}`);
    const table = conn.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!table) throw new Error("not a database of this application (no _prisma_migrations table)");
  } finally {
    conn.close();
  }
}

export async function backupDatabase(url: string, opts: { dir: string; keep: number; now?: Date }): Promise<BackupResult> {
  mkdirSync(opts.dir, { recursive: true });
  const now = opts.now ?? new Date();
  if (databaseKind(url) === "sqlite") {
    const source = sqliteFilePath(url);
    if (!existsSync(source)) throw new Error(`database file ${source} does not exist`);
    const base = path.basename(source, path.extname(source));
    const file = path.join(opts.dir, `${base}-${stamp(now)}.db`);
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    const conn = new Database(source, { fileMustExist: true, timeout: 15_000 });
    try {
      conn.prepare("VACUUM INTO ?").run(partial);
    } finally {
      conn.close();
    }
    try {
      checkSqliteFile(partial);
    } catch (e) {
      rmSync(partial, { force: true });
      throw e;
    }
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, removed: prune(opts.dir, base, opts.keep) };
  }

  const { connectionString, schema } = postgresConnection(url);
  const u = new URL(connectionString);
  const base = decodeURIComponent(u.pathname.slice(1)) + (schema ? `.${schema}` : "");
  const file = path.join(opts.dir, `${base}-${stamp(now)}.dump`);
  const partial = `${file}.partial`;
  // The password goes through the environment, not the command line (visible in `ps`).
  const password = decodeURIComponent(u.password);
  u.password = "";
  const childEnv = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const dump = spawnSync(
    "pg_dump",
    ["--format=custom", "--no-owner", `--file=${partial}`, ...(schema ? [`--schema=${schema}`] : []), `--dbname=${u.toString()}`],
    { env: childEnv, encoding: "utf8" },
  );
  if (dump.error) throw new Error(`pg_dump could not run (${dump.error.message}); install the PostgreSQL client tools`);
  if (dump.status !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`pg_dump failed: ${dump.stderr.trim().split("\n")[0]}`);
  }
  const check = spawnSync("pg_restore", ["--list", partial], { encoding: "utf8" });
  if (check.status !== 0 || !/TABLE DATA .*_prisma_migrations/.test(check.stdout)) {
    rmSync(partial, { force: true });
    throw new Error(`the dump does not read back: ${(check.stderr || "no _prisma_migrations data in it").trim().split("\n")[0]}`);
  }
  renameSync(partial, file);
  return { file, bytes: statSync(file).size, removed: prune(opts.dir, base, opts.keep) };
}

/** Why a restore must not run now, or undefined: a server answering on its port, or a live worker holding deliveries. */
export async function restoreBlocker(url: string, port: number): Promise<string | undefined> {
  for (const host of ["127.0.0.1", "[::1]"]) {
    try {
      const r = await fetch(`http://${host}:${port}/api/health`, { signal: AbortSignal.timeout(1500) });
      return `a server answers at http://${host}:${port} (health ${r.status}); stop it (and every worker) before restoring`;
    } catch {
      // Nothing listens there: fine.
    }
  }
  const file = sqliteFilePath(url);
  if (!existsSync(file)) return undefined;
  const conn = new Database(file, { readonly: true, fileMustExist: true, timeout: 15_000 });
  try {
    const hasTable = conn.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Delivery'`).get();
    if (!hasTable) return undefined;
    const holders = conn
      .prepare(`SELECT DISTINCT "claimedBy" AS holder FROM "Delivery" WHERE "status" IN ('claimed', 'sending') AND "claimedBy" IS NOT NULL`)
      .all() as { holder: string }[];
    const alive = holders.map((h) => h.holder).filter((h) => !isDeadHere(h));
    if (alive.length) return `newsletter worker ${alive[0]} holds deliveries; stop every worker before restoring`;
  } finally {
    conn.close();
  }
  return undefined;
}

/**
 * Puts a SQLite backup in place of the database. The current file is kept
 * beside it (`<name>.before-restore-<time>`), its WAL folded in first so
 * nothing committed is left behind in a side file.
 */
export function restoreSqlite(url: string, backup: string, now = new Date()): { target: string; previous?: string } {
  if (databaseKind(url) !== "sqlite")
    throw new Error("db:restore restores SQLite backups; restore a PostgreSQL dump with pg_restore (docs/operations.md)");
  if (!existsSync(backup)) throw new Error(`${backup} does not exist`);
  checkSqliteFile(backup);
  const target = sqliteFilePath(url);
  mkdirSync(path.dirname(target), { recursive: true });
  let previous: string | undefined;
  if (existsSync(target)) {
    const conn = new Database(target, { fileMustExist: true, timeout: 15_000 });
    try {
      conn.pragma("wal_checkpoint(TRUNCATE)");
      conn.pragma("journal_mode = DELETE");
    } finally {
      conn.close();
    }
    previous = `${target}.before-restore-${stamp(now)}`;
    renameSync(target, previous);
  }
  for (const side of ["-wal", "-shm", "-journal"]) rmSync(target + side, { force: true });
  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);
  renameSync(incoming, target);
  return { target, previous };
}
