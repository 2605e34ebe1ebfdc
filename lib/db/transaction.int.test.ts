import { beforeEach, describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { sql } from "./sql";
import { get, lock, run, transact, type Work } from "./transaction";

const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`SQL transactions on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  beforeEach(async () => {
    await t.db.usedToken.deleteMany();
  });

  const claim = (hash: string, thenFail = false) =>
    function* (): Work<number> {
      const claimed = yield run(
        sql`INSERT INTO "UsedToken" ("tokenHash", "purpose", "usedAt") VALUES (${hash}, ${"test"}, ${new Date()}) ON CONFLICT ("tokenHash") DO NOTHING`,
      );
      if (thenFail) throw new Error(`failing after writing ${hash}`);
      return claimed as number;
    };
  const stored = async () => (await t.db.usedToken.findMany({ orderBy: { tokenHash: "asc" } })).map((r) => r.tokenHash);

  it("returns what the work returns and commits its writes, readable by Prisma", async () => {
    expect(await transact(t.db, claim("a"))).toBe(1);
    expect(await transact(t.db, claim("a"))).toBe(0);
    const row = await transact(t.db, function* () {
      return (yield get(sql`SELECT "purpose" AS "p" FROM "UsedToken" WHERE "tokenHash" = ${"a"}`)) as { p: string } | undefined;
    });
    expect(row).toEqual({ p: "test" });
    expect(await stored()).toEqual(["a"]);
  });

  it("undoes only the work that throws, even when many run at once", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => transact(t.db, claim(`k${String(i).padStart(2, "0")}`, i % 3 === 0))),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(10);
    expect(results.filter((r) => r.status === "fulfilled").every((r) => (r as PromiseFulfilledResult<number>).value === 1)).toBe(true);
    expect(await stored()).toEqual(Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, "0")}`).filter((_, i) => i % 3 !== 0));
  });

  it("concurrent claims of one key: exactly one wins", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => transact(t.db, claim("same"))));
    expect(results.filter((n) => n === 1)).toHaveLength(1);
  });

  it("does not join a Prisma transaction that is open at the time, and survives its rollback", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    const prismaTx = t.db
      .$transaction(async (tx) => {
        await tx.usedToken.create({ data: { tokenHash: "prisma", purpose: "test" } });
        inside();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error("roll back");
      })
      .catch(() => "rolled back");
    await opened;
    const ours = transact(t.db, claim("ours"));
    expect(await prismaTx).toBe("rolled back");
    expect(await ours).toBe(1);
    expect(await stored()).toEqual(["ours"]);
  });

  it("a statement that fails inside one of many transactions at once fails that one alone", async () => {
    await transact(t.db, claim("taken"));
    const duplicateInsert = function* (): Work<number> {
      return (yield run(
        sql`INSERT INTO "UsedToken" ("tokenHash", "purpose", "usedAt") VALUES (${"taken"}, ${"test"}, ${new Date()})`,
      )) as number;
    };
    const results = await Promise.allSettled([
      transact(t.db, claim("before")),
      transact(t.db, duplicateInsert),
      transact(t.db, claim("after")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await stored()).toEqual(["after", "before", "taken"]);
  });

  it("in one group: a work that fails before its first statement fails alone, and one may end on a lock", async () => {
    // Each in its own savepoint: the first throws between its lock and its first statement, the third's
    // last step is a lock.
    const early = function* (): Work<number> {
      yield lock("early");
      throw new Error("refused before writing");
    };
    const endsOnLock = function* (): Work<number> {
      const n = (yield run(
        sql`INSERT INTO "UsedToken" ("tokenHash", "purpose", "usedAt") VALUES (${"locked-last"}, ${"test"}, ${new Date()})`,
      )) as number;
      yield lock("last");
      return n;
    };
    const results = await Promise.allSettled([
      transact(t.db, claim("one")),
      transact(t.db, early),
      transact(t.db, endsOnLock),
      transact(t.db, claim("two")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(await stored()).toEqual(["locked-last", "one", "two"]);
  });

  it.skipIf(target.kind !== "postgres")("transactions in a group that deadlocks with another still get their own outcome", async () => {
    // Two groups lock x and y in opposite orders; PostgreSQL aborts one. A
    // transaction that would have succeeded on its own (bystander) must not fail
    // because it shared a group with the victim.
    const crossing = (first: string, second: string) =>
      function* (): Work<string> {
        yield lock(first);
        yield get(sql`SELECT 1 AS "n" FROM pg_sleep(0.3)`);
        yield lock(second);
        return `${first}${second}`;
      };
    const a = transact(t.db, crossing("x", "y"));
    const bystander = transact(t.db, claim("bystander"));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 50));
    const b = transact(t.db, crossing("y", "x"));
    const [ra, rBystander, rb] = await Promise.allSettled([a, bystander, b]);
    expect(rBystander).toEqual({ status: "fulfilled", value: 1 });
    expect([ra.status, rb.status]).toContain("fulfilled");
    expect(await stored()).toEqual(["bystander"]);
  });
});
