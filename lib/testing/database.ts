// Test support: a fresh, migrated database per test file, on SQLite or on the
// PostgreSQL server at 127.0.0.1:5432, chosen by TEST_DB. Never imported by the app.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "../db/client";
import { applyMigrations } from "../db/migrations";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type TestDatabase = { kind: "sqlite" | "postgres"; url: string; db: Db; cleanup: () => Promise<void> };

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Which database this run targets, and whether it can run here. Without
 * PostgreSQL a laptop skips that suite with a notice; CI must not.
 */
export async function testDatabaseTarget(): Promise<{ kind: "sqlite" | "postgres"; available: boolean }> {
  const kind = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";
  if (kind === "sqlite") return { kind, available: true };
  const problem = await postgresReachable();
  if (!problem) return { kind, available: true };
  if (process.env.CI === "true") throw new Error(`CI=true but PostgreSQL at ${TEST_POSTGRES_URL} is unreachable: ${problem}`);
  console.warn(`[skip] PostgreSQL suite skipped: no server at ${TEST_POSTGRES_URL} (${problem})`);
  return { kind, available: false };
}

/** A migrated database of its own: a temp SQLite file, or a fresh PostgreSQL schema. */
export async function createTestDatabase(kind: "sqlite" | "postgres"): Promise<TestDatabase> {
  const dir = kind === "sqlite" ? mkdtempSync(path.join(os.tmpdir(), "bim-db-")) : undefined;
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const url = dir ? `file:${path.join(dir, "test.db")}` : `${TEST_POSTGRES_URL}?schema=${schema}`;
  await applyMigrations(url);
  const db = createDb(dir ? { url } : { url, poolSize: 20 });
  return {
    kind,
    url,
    db,
    cleanup: async () => {
      await db.$disconnect();
      if (dir) rmSync(dir, { recursive: true, force: true });
      else await dropSchema(schema);
    },
  };
}

async function dropSchema(schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  // Sessions of a process a test killed can still hold locks (even an open
  // transaction) until the server notices the dead socket, which on a busy
  // machine took longer than any fixed wait (CI saw a deadlock after ~25 s).
  // The schema is this test's alone, so any other session holding a lock in
  // it is a leftover: end it, then drop; a deadlock is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(
        `SELECT pg_terminate_backend(l.pid) FROM pg_locks l
           JOIN pg_class c ON c.oid = l.relation
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND l.pid <> pg_backend_pid()`,
        [schema],
      );
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== "40P01" || attempt === 10) throw e;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
  await admin.end();
}

/** A database of its own for the length of `run` (one test's throwaway copy), dropped whatever happens. */
export async function withTestDatabase<T>(kind: "sqlite" | "postgres", run: (t: TestDatabase) => Promise<T>): Promise<T> {
  const t = await createTestDatabase(kind);
  try {
    return await run(t);
  } finally {
    await t.cleanup();
  }
}

/**
 * The database of the enclosing describe block: created before its first test,
 * dropped after its last. Call it before the block's own hooks: vitest runs
 * afterAll hooks in reverse order, so theirs run while the database is still
 * there. The object is filled in by beforeAll: read it in hooks and tests, not
 * while the block is being collected.
 */
export function suiteDatabase(kind: "sqlite" | "postgres"): TestDatabase {
  const t = {} as TestDatabase;
  beforeAll(async () => void Object.assign(t, await createTestDatabase(kind)));
  afterAll(async () => t.cleanup?.());
  return t;
}
