import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget, withTestDatabase } from "../testing/database";
import { checkDatabase } from "./health";
import { applyMigrations, migrationStatus, readMigrations } from "./migrations";

const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`data layer on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);

  it("applies every committed migration and records it", async () => {
    const status = await migrationStatus(t.url);
    expect(status).toEqual({ pending: [], modified: [], unknown: [] });
    expect(readMigrations(target.kind).length).toBeGreaterThan(0);
  });

  it("is idempotent: a second migrate applies nothing", async () => {
    expect(await applyMigrations(t.url)).toEqual({ applied: [] });
  });

  it("reports healthy when reachable and current", async () => {
    expect(await checkDatabase(t.url)).toEqual({ ok: true, database: target.kind });
  });

  it("round-trips the models the features use", async () => {
    const parent = await t.db.comment.create({
      data: { articleSlug: "posture-myths", authorName: "Ann", authorEmail: "ann@example.com", body: "Hello", status: "approved" },
    });
    await t.db.comment.create({
      data: { articleSlug: "posture-myths", parentId: parent.id, authorName: "Ben", authorEmail: "ben@example.com", body: "Reply" },
    });
    const withReplies = await t.db.comment.findUnique({ where: { id: parent.id }, include: { replies: true } });
    expect(withReplies?.replies.map((r) => r.authorName)).toEqual(["Ben"]);

    await t.db.subscriber.create({ data: { email: "sub@example.com", emailHash: "h-sub", status: "confirmed" } });
    await expect(t.db.subscriber.create({ data: { email: "SUB@example.com", emailHash: "h-sub" } })).rejects.toThrow();
    expect(await t.db.subscriber.count()).toBe(1);
  });

  it("rolls a failed transaction back whole", async () => {
    const before = await t.db.comment.count();
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.comment.create({ data: { articleSlug: "x", authorName: "C", body: "one" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await t.db.comment.count()).toBe(before);
  });
});

describe("bad database input", () => {
  it("answers unhealthy, without the connection string, when PostgreSQL is unreachable", async () => {
    const h = await checkDatabase("postgres://admin:hunter2@127.0.0.1:1/nowhere");
    expect(h.ok).toBe(false);
    expect(JSON.stringify(h)).not.toContain("hunter2");
    expect(JSON.stringify(h)).toContain("unreachable");
  });

  it("answers unhealthy for a URL of the wrong kind", async () => {
    expect(await checkDatabase("mysql://x@y/z")).toMatchObject({ ok: false, problem: expect.stringContaining("file: or postgres://") });
  });

  it.skipIf(!target.available)("answers unhealthy when the database is behind the migrations", async () => {
    await withTestDatabase(target.kind, async (fresh) => {
      // Forget the newest migration as if the code were newer than the database.
      const newest = readMigrations(target.kind).at(-1)!.name;
      await fresh.db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name = '${newest}'`);
      const h = await checkDatabase(fresh.url);
      expect(h).toMatchObject({ ok: false, problem: expect.stringContaining("behind the migrations") });
    });
  });

  it.skipIf(!target.available)("db:migrate refuses a database that is ahead of the code, and changes nothing", async () => {
    await withTestDatabase(target.kind, async (fresh) => {
      // As if a newer release had migrated it: one migration this code has no file for.
      await fresh.db.$executeRawUnsafe(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ('ahead-1', 'x', CURRENT_TIMESTAMP, '29990101000000_from_the_future', CURRENT_TIMESTAMP, 1)`,
      );
      const newest = readMigrations(target.kind).at(-1)!.name;
      await fresh.db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name = '${newest}'`);
      await expect(applyMigrations(fresh.url)).rejects.toThrow(
        /database is ahead of this code: .*29990101000000_from_the_future.*Nothing was changed/,
      );
      // The pending one was not applied either.
      expect((await migrationStatus(fresh.url)).pending).toEqual([newest]);
    });
  });

  it.skipIf(!target.available)("a database only ahead of the code stays usable (a rolling deploy) and says so", async () => {
    await withTestDatabase(target.kind, async (fresh) => {
      await fresh.db.$executeRawUnsafe(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ('ahead-2', 'x', CURRENT_TIMESTAMP, '29990101000000_from_the_future', CURRENT_TIMESTAMP, 1)`,
      );
      expect(await checkDatabase(fresh.url)).toEqual({ ok: true, database: target.kind, ahead: ["29990101000000_from_the_future"] });
      await expect(applyMigrations(fresh.url)).rejects.toThrow(/ahead of this code/);
    });
  });

  it("does not create a SQLite file when only checking status", async () => {
    const h = await checkDatabase("file:/tmp/definitely-missing-dir-bim/x.db");
    expect(h).toMatchObject({ ok: false, problem: expect.stringContaining("does not exist") });
  });
});
