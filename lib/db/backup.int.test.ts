import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suiteDatabase, TEST_POSTGRES_URL, testDatabaseTarget } from "../testing/database";
import { runProcess, startCommentPoster, TSX } from "../testing/processes";
import { backupDatabase, listBackups, restoreBlocker, restoreSqlite } from "./backup";
import { createDb } from "./client";
import { postgresConnection } from "./url";

// Comments are written continuously by another process while a backup is
// taken; the backup is restored into a fresh database, where every comment
// acknowledged before the snapshot began must be.
const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`backup and restore on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "bim-backup-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const poster = () => startCommentPoster(t.url, `b${randomBytes(2).toString("hex")}`, 0);

  /** The comment ids in a restored copy. */
  async function restoredIds(file: string): Promise<Set<string>> {
    if (target.kind === "sqlite") {
      const url = `file:${path.join(dir, `fresh-${randomBytes(3).toString("hex")}.db`)}`;
      restoreSqlite(url, file);
      const fresh = createDb({ url });
      try {
        return new Set((await fresh.comment.findMany({ select: { id: true } })).map((c) => c.id));
      } finally {
        await fresh.$disconnect();
      }
    }
    // A fresh database on the same server, filled by pg_restore as docs/operations.md says.
    const name = `restore_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const u = new URL(TEST_POSTGRES_URL);
      u.pathname = `/${name}`;
      const r = spawnSync("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${u.toString()}`, file], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const client = new pg.Client({ connectionString: u.toString() });
      await client.connect();
      const { schema } = postgresConnection(t.url);
      const rows = await client.query(`SELECT "id" FROM "${schema}"."Comment"`);
      const migrations = await client.query(`SELECT count(*)::int AS n FROM "${schema}"."_prisma_migrations"`);
      expect(migrations.rows[0].n).toBeGreaterThan(0);
      await client.end();
      return new Set(rows.rows.map((row: { id: string }) => row.id));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }

  it("a backup taken while comments are written holds every comment acknowledged before it began", { timeout: 120_000 }, async () => {
    const p = poster();
    try {
      while (p.acknowledged.length < 100 && p.child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      expect(p.child.exitCode, p.errors()).toBeNull();
      const before = [...p.acknowledged];
      // The command an operator runs, in its own process, while the poster keeps writing.
      const { code, out: printed } = await runProcess(TSX, ["scripts/db-backup.ts", "--to", dir, "--keep", "5"], {
        env: { DATABASE_URL: t.url },
      });
      expect(code, printed).toBe(0);
      const result = { file: /→ (\S+) \(/.exec(printed)![1]! };
      expect(printed).toMatch(/verified/);
      const during = p.acknowledged.length - before.length;
      // Keep writing a little after, so the copy is known to be a snapshot and not the final state.
      const target2 = p.acknowledged.length + 20;
      while (p.acknowledged.length < target2 && p.child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      p.child.kill("SIGKILL");
      await p.exited;

      const ids = await restoredIds(result.file);
      expect(before.filter((id) => !ids.has(id))).toEqual([]);
      const stored = await t.db.comment.count();
      expect(stored).toBeGreaterThan(ids.size);
      console.log(`backup on ${target.kind}: ${before.length} acknowledged before, ${during} during the backup, ${ids.size} in the copy`);
    } finally {
      if (p.child.exitCode === null) p.child.kill("SIGKILL");
    }
  });

  it("keeps only the newest N backups", async () => {
    const isolated = mkdtempSync(path.join(dir, "keep-"));
    for (let i = 0; i < 4; i++) await backupDatabase(t.url, { dir: isolated, keep: 2, now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) });
    const { connectionString, schema } = postgresConnection(t.url.startsWith("file:") ? "postgres://x/y" : t.url);
    const base = t.kind === "sqlite" ? "test" : `${new URL(connectionString).pathname.slice(1)}.${schema}`;
    const left = listBackups(isolated, base).map((f) => path.basename(f));
    expect(left).toHaveLength(2);
    expect(left[1]).toContain("20260101T000003000Z");
  });

  it.runIf(target.kind === "sqlite")("restore refuses while a server answers on the configured port", async () => {
    const server = createServer((_, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await restoreBlocker(t.url, port)).toMatch(/a server answers at http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await restoreBlocker(t.url, port)).toBeUndefined();
  });
});
