import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, postgresConnection, redactUrl, sqliteFilePath, type DatabaseKind } from "./url";

/**
 * Applies the committed migration SQL. Prisma's JavaScript schema engine
 * cannot migrate PostgreSQL through adapter-pg in 6.19 (prisma/orm#27403), so
 * this small runner applies the same files Prisma wrote, each in one
 * transaction, and records them in Prisma's own `_prisma_migrations` table so
 * `prisma migrate status` still reads it (docs/decisions/0004).
 */

export type Migration = { name: string; sql: string; checksum: string };
export type AppliedMigration = { name: string; checksum: string };
export type MigrationStatus = { pending: string[]; modified: string[]; unknown: string[] };

export const MIGRATION_DIRS: Record<DatabaseKind, string> = {
  sqlite: "prisma/migrations",
  postgres: "prisma/postgres/migrations",
};

const TABLE = "_prisma_migrations";
// Prisma's own definition of the bookkeeping table, per dialect.
const CREATE_TABLE: Record<DatabaseKind, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "${TABLE}" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgres: `CREATE TABLE IF NOT EXISTS "${TABLE}" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

export function readMigrations(kind: DatabaseKind, root = process.cwd()): Migration[] {
  // Read at run time from the deployed tree, never bundled.
  const dir = path.join(/*turbopackIgnore: true*/ root, MIGRATION_DIRS[kind]);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function compareMigrations(files: Migration[], applied: AppliedMigration[]): MigrationStatus {
  const done = new Map(applied.map((m) => [m.name, m.checksum]));
  const names = new Set(files.map((f) => f.name));
  return {
    pending: files.filter((f) => !done.has(f.name)).map((f) => f.name),
    modified: files.filter((f) => done.has(f.name) && done.get(f.name) !== f.checksum).map((f) => f.name),
    unknown: applied.filter((m) => !names.has(m.name)).map((m) => m.name),
  };
}

/** A connection that can run a migration script atomically. */
interface Target {
  applied(): Promise<AppliedMigration[]>;
  apply(m: Migration): Promise<void>;
  close(): Promise<void>;
}

async function sqliteTarget(url: string, create: boolean): Promise<Target> {
  const file = sqliteFilePath(url);
  if (!create && !existsSync(file)) throw new Error(`database file ${file} does not exist; run \`npm run db:migrate\``);
  mkdirSync(path.dirname(file), { recursive: true });
  const conn = new Database(file, { timeout: 15_000 });
  conn.pragma("journal_mode = WAL");
  return {
    async applied() {
      conn.exec(CREATE_TABLE.sqlite);
      return conn
        .prepare(`SELECT migration_name AS name, checksum FROM "${TABLE}" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all() as AppliedMigration[];
    },
    async apply(m) {
      // IMMEDIATE takes the write lock first, so two deploys cannot interleave.
      conn.exec("BEGIN IMMEDIATE");
      try {
        const again = conn.prepare(`SELECT 1 FROM "${TABLE}" WHERE migration_name = ? AND finished_at IS NOT NULL`).get(m.name);
        if (!again) {
          conn.exec(m.sql);
          conn
            .prepare(
              `INSERT INTO "${TABLE}" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
            )
            .run(randomUUID(), m.checksum, m.name);
        }
        conn.exec("COMMIT");
      } catch (e) {
        conn.exec("ROLLBACK");
        throw e;
      }
    },
    async close() {
      conn.close();
    },
  };
}

// An arbitrary constant: the advisory lock that serialises concurrent deploys.
const PG_LOCK_KEY = 724_310_077;

async function postgresTarget(url: string): Promise<Target> {
  const { connectionString, schema } = postgresConnection(url);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  if (schema) {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
    await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
  }
  return {
    async applied() {
      await client.query(CREATE_TABLE.postgres);
      const r = await client.query(
        `SELECT migration_name AS name, checksum FROM "${TABLE}" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      return r.rows as AppliedMigration[];
    },
    async apply(m) {
      await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
      try {
        await client.query("BEGIN");
        const again = await client.query(`SELECT 1 FROM "${TABLE}" WHERE migration_name = $1 AND finished_at IS NOT NULL`, [m.name]);
        if (again.rowCount === 0) {
          // The public-schema line Prisma writes would escape a per-run schema.
          await client.query(schema ? m.sql.replace(/^CREATE SCHEMA IF NOT EXISTS "public";$/m, "") : m.sql);
          await client.query(
            `INSERT INTO "${TABLE}" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), m.checksum, m.name],
          );
        }
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => {});
      }
    },
    async close() {
      await client.end();
    },
  };
}

async function openTarget(url: string, create: boolean): Promise<Target> {
  try {
    return databaseKind(url) === "sqlite" ? await sqliteTarget(url, create) : await postgresTarget(url);
  } catch (e) {
    throw new Error(`cannot open database ${redactUrl(url)}: ${(e as Error).message}`);
  }
}

/** The database has migrations this code does not know: it was migrated by a newer release. */
export class DatabaseAheadError extends Error {
  constructor(public readonly unknown: string[]) {
    super(
      `the database is ahead of this code: it has ${unknown.length} migration(s) this release does not know (${unknown.join(", ")}). ` +
        "Nothing was changed. Deploy the release that wrote them (or newer); to go back to this release, restore the backup taken before the upgrade (docs/operations.md, Upgrades)",
    );
    this.name = "DatabaseAheadError";
  }
}

/** Applies every pending migration in order; each one commits whole or not at all. Refuses a database that is ahead. */
export async function applyMigrations(url: string, root = process.cwd()): Promise<{ applied: string[] }> {
  const files = readMigrations(databaseKind(url), root);
  const target = await openTarget(url, true);
  try {
    const status = compareMigrations(files, await target.applied());
    if (status.modified.length > 0)
      throw new Error(
        `applied migrations were edited afterwards: ${status.modified.join(", ")}; restore them and add a new migration instead`,
      );
    // A database migrated by newer code: applying older files around its
    // extra migrations could undo nothing and break much, so nothing is done.
    if (status.unknown.length > 0) throw new DatabaseAheadError(status.unknown);
    for (const name of status.pending) await target.apply(files.find((f) => f.name === name)!);
    return { applied: status.pending };
  } finally {
    await target.close();
  }
}

/** Compares the database with the committed migrations without changing anything. */
export async function migrationStatus(url: string, root = process.cwd()): Promise<MigrationStatus> {
  const target = await openTarget(url, false);
  try {
    return compareMigrations(readMigrations(databaseKind(url), root), await target.applied());
  } finally {
    await target.close();
  }
}
