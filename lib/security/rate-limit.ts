import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db";

export type Limit = { points: number; durationSeconds: number };
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A named limit (e.g. 5 comments per 10 minutes per IP), counted in the
 * database through rate-limiter-flexible so it holds across app instances.
 */
export function createRateLimiter(db: Db, name: string, limit: Limit) {
  const limiter = new RateLimiterPrisma({
    storeClient: db,
    // The generated client exposes the model under its camel-cased name.
    tableName: "rateLimiterFlexible",
    keyPrefix: name,
    points: limit.points,
    duration: limit.durationSeconds,
    clearExpiredByTimeout: false,
  });
  return {
    async consume(key: string): Promise<LimitResult> {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (e) {
        if (e instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
        throw e;
      }
    },
  };
}

/** Drops expired counters; call from a periodic job. */
export async function purgeExpiredLimits(db: Db, now = new Date()): Promise<number> {
  return (await db.rateLimiterFlexible.deleteMany({ where: { expire: { lt: now } } })).count;
}
