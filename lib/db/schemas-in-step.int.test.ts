// Proves the SQLite and PostgreSQL deployments are one logical schema: the
// same migrations, producing the same tables and columns.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { testDatabaseTarget, withTestDatabase, type TestDatabase } from "../testing/database";
import { readMigrations } from "./migrations";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "./schema-sync";

const target = await testDatabaseTarget();

async function columns(t: TestDatabase): Promise<string[]> {
  const rows =
    t.kind === "sqlite"
      ? await t.db.$queryRawUnsafe<{ t: string; c: string }[]>(
          `SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
        )
      : await t.db.$queryRawUnsafe<{ t: string; c: string }[]>(
          `SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = current_schema()`,
        );
  return rows.map((r) => `${r.t}.${r.c}`).sort();
}

/** Tables, their columns (type, null, default, key) and indexes (columns, unique), for comparing two SQLite databases. */
function structure(db: Database.Database) {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
    .all() as { name: string }[];
  return Object.fromEntries(
    tables
      .map((t) => t.name)
      .sort()
      .map((t) => [
        t,
        {
          columns: db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY name`).all(t),
          indexes: (
            db.prepare(`SELECT name, "unique" FROM pragma_index_list(?) ORDER BY name`).all(t) as { name: string; unique: number }[]
          ).map((i) => ({
            ...i,
            columns: (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(i.name) as { name: string }[]).map(
              (c) => c.name,
            ),
          })),
        },
      ]),
  );
}

describe("schemas in step", () => {
  it("the PostgreSQL schema file is derived from the SQLite one", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("both deployments have the same migrations, by name", () => {
    expect(readMigrations("postgres").map((m) => m.name)).toEqual(readMigrations("sqlite").map((m) => m.name));
  });

  it.skipIf(target.kind !== "sqlite")("applying every migration in order yields exactly the schema in prisma/schema.prisma", async () => {
    // A forgotten or hand-edited migration shows up here: the database the
    // migrations build must equal the one the schema describes.
    // The CLI opens the configured database through the driver adapter even
    // for a diff, so it gets a throwaway file in a directory that exists (a
    // clean clone has no data/).
    const scratch = mkdtempSync(path.join(tmpdir(), "spine-diff-"));
    const fromSchema = spawnSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", SQLITE_SCHEMA, "--script"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `file:${path.join(scratch, "unused.db")}` },
    });
    rmSync(scratch, { recursive: true, force: true });
    expect(fromSchema.status, fromSchema.stderr).toBe(0);
    const expected = new Database(":memory:");
    expected.exec(fromSchema.stdout);
    await withTestDatabase("sqlite", async (migrated) => {
      const actual = new Database(migrated.url.slice("file:".length), { readonly: true });
      expect(structure(actual)).toEqual(structure(expected));
      actual.close();
    });
  });

  it.skipIf(target.kind !== "postgres" || !target.available)("migrations build the same tables and columns on both", async () => {
    await withTestDatabase("sqlite", (sqlite) =>
      withTestDatabase("postgres", async (postgres) => {
        const [a, b] = [await columns(sqlite), await columns(postgres)];
        expect(a.length).toBeGreaterThan(10);
        expect(b).toEqual(a);
      }),
    );
  });
});
