// 50 concurrent writers insert 2,000 rows through the app's own db module;
// then several processes write to the same SQLite file at once. Every row
// must land and no write may fail with "database is locked".
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrations";

const run = promisify(execFile);
const WRITERS = 50;
const ROWS = 2_000;

describe.skipIf(process.env.TEST_DB === "postgres")("SQLite under concurrent writers", () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "bim-conc-"));
    url = `file:${path.join(dir, "c.db")}`;
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
  });
  afterAll(async () => {
    const { disconnectDb } = await import("./index");
    await disconnectDb();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${WRITERS} writers insert ${ROWS} rows, exactly`, async () => {
    const { db } = await import("./index");
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < ROWS / WRITERS; i++) {
          try {
            await db().comment.create({ data: { articleSlug: `w${w}`, authorName: `writer ${w}`, body: `row ${i}` } });
          } catch (e) {
            failures.push((e as Error).message);
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(await db().comment.count()).toBe(ROWS);
  });

  it("4 processes writing at once all succeed (busy timeout, WAL)", async () => {
    const { db } = await import("./index");
    const before = await db().comment.count();
    const script = path.join(import.meta.dirname, "../testing/write-rows.ts");
    const results = await Promise.all(
      [0, 1, 2, 3].map((p) =>
        run(path.join(process.cwd(), "node_modules/.bin/tsx"), [script, String(p), "250"], { env: { ...process.env, DATABASE_URL: url } }),
      ),
    );
    for (const r of results) expect(r.stdout).toContain("wrote 250");
    expect(await db().comment.count()).toBe(before + 1_000);
    const mode = await db().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode[0].journal_mode).toBe("wal");
  });
});
