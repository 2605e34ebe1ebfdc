import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db";
import { queryRows, sql, type Statement } from "../db/sql";

export type Limit = { points: number; durationSeconds: number };
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

type Counter = { points: number; expire: Date | null };

/**
 * rate-limiter-flexible's Prisma store, with its one hot call done in SQL.
 *
 * The stock store consumes with two ORM queries (delete the expired row, then
 * upsert), about 0.7 ms of CPU per consume here; a comment costs two
 * consumes. This is the single atomic statement its SQLite and PostgreSQL
 * stores use, sent to the Prisma client's own driver connection (lib/db/sql.ts): a new key or an expired
 * window starts at `points`, a live one is incremented by the database, so
 * concurrent consumes from several app instances are all counted. Everything
 * else (blocking, penalties, RateLimiterRes) stays the library's.
 */
class RateLimiterPrismaSql extends RateLimiterPrisma {
  constructor(
    private readonly db: Db,
    opts: ConstructorParameters<typeof RateLimiterPrisma>[0],
  ) {
    super(opts);
  }

  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Counter> {
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    const statement: Statement = forceExpire
      ? sql`INSERT INTO "RateLimiterFlexible" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
          ON CONFLICT ("key") DO UPDATE SET "points" = excluded."points", "expire" = excluded."expire"
          RETURNING "points", "expire"`
      : countHits(key, points, msDuration, now);
    return queryRows<CounterRow>(this.db, statement).then(([row]) => counterOf(row));
  }
}

export type CounterRow = { points: unknown; expire: unknown };

/** A counter row as either database returns it. */
export const counterOf = (row: CounterRow): Counter => ({
  points: Number(row.points),
  expire: row.expire === null ? null : new Date(row.expire as string | Date),
});

/**
 * Adds `points` to a fixed-window counter in one atomic statement and
 * returns the counter: a new key or an expired window starts over at
 * `points`, a live one is incremented by the database. The statement
 * rate-limiter-flexible's SQLite and PostgreSQL stores use, on our table;
 * the comment intake runs it inside its own transaction.
 */
export function countHits(key: string, points: number, windowMs: number, now: Date): Statement {
  const expire = windowMs > 0 ? new Date(now.getTime() + windowMs) : null;
  return sql`INSERT INTO "RateLimiterFlexible" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimiterFlexible"."expire" <= ${now} THEN excluded."points" ELSE "RateLimiterFlexible"."points" + excluded."points" END,
      "expire" = CASE WHEN "RateLimiterFlexible"."expire" <= ${now} THEN excluded."expire" ELSE "RateLimiterFlexible"."expire" END
    RETURNING "points", "expire"`;
}

/** Seconds until a counter that went over its limit lets the key through again. */
export function retryAfterSeconds(counter: Counter, now: Date): number {
  return Math.max(1, Math.ceil(((counter.expire?.getTime() ?? now.getTime()) - now.getTime()) / 1000));
}

/**
 * A named limit (e.g. 5 comments per 10 minutes per IP), counted in the
 * database through rate-limiter-flexible so it holds across app instances.
 */
export function createRateLimiter(db: Db, name: string, limit: Limit) {
  const limiter = new RateLimiterPrismaSql(db, {
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
