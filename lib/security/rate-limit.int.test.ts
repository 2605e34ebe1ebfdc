import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { createRateLimiter, purgeExpiredLimits } from "./rate-limit";

const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`rate limits in the database on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);

  it("counts every one of many concurrent requests: exactly the allowed number pass", async () => {
    const limit = createRateLimiter(t.db, "burst", { points: 5, durationSeconds: 600 });
    const results = await Promise.all(Array.from({ length: 20 }, () => limit.consume("198.51.100.1")));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false });
    expect(refused && !refused.ok && refused.retryAfterSeconds).toBeGreaterThan(590);
  });

  it("keeps names and keys apart", async () => {
    const a = createRateLimiter(t.db, "name-a", { points: 1, durationSeconds: 600 });
    const b = createRateLimiter(t.db, "name-b", { points: 1, durationSeconds: 600 });
    expect(await a.consume("k")).toEqual({ ok: true });
    expect(await b.consume("k")).toEqual({ ok: true });
    expect(await a.consume("other")).toEqual({ ok: true });
    expect((await a.consume("k")).ok).toBe(false);
  });

  it("starts a new window once the old one has expired, and the purge job sees expired rows", async () => {
    const limit = createRateLimiter(t.db, "short", { points: 1, durationSeconds: 1 });
    expect(await limit.consume("k")).toEqual({ ok: true });
    expect((await limit.consume("k")).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100));
    // The row written by SQL compares correctly with Prisma's own dates.
    expect(await purgeExpiredLimits(t.db)).toBeGreaterThanOrEqual(1);
    expect(await limit.consume("k")).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 1_100));
    // Expired but not yet purged: the upsert itself restarts the count.
    expect(await limit.consume("k")).toEqual({ ok: true });
    const row = await t.db.rateLimiterFlexible.findUnique({ where: { key: "short:k" } });
    expect(row?.points).toBe(1);
    expect(row!.expire!.getTime()).toBeGreaterThan(Date.now());
  });
});
