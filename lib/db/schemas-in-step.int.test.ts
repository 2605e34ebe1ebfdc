// Proves the SQLite and PostgreSQL deployments are one logical schema: the
// same migrations, producing the same tables and columns.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseTarget, type TestDatabase } from "../testing/database";
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

describe("schemas in step", () => {
  it("the PostgreSQL schema file is derived from the SQLite one", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("both deployments have the same migrations, by name", () => {
    expect(readMigrations("postgres").map((m) => m.name)).toEqual(readMigrations("sqlite").map((m) => m.name));
  });

  it.skipIf(target.kind !== "postgres" || !target.available)("migrations build the same tables and columns on both", async () => {
    const sqlite = await createTestDatabase("sqlite");
    const postgres = await createTestDatabase("postgres");
    try {
      const [a, b] = [await columns(sqlite), await columns(postgres)];
      expect(a.length).toBeGreaterThan(10);
      expect(b).toEqual(a);
    } finally {
      await sqlite.cleanup();
      await postgres.cleanup();
    }
  });
});
