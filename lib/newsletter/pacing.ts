import type { Db } from "../db";
import { execute, queryRows, sql, toNumber } from "../db/sql";

/**
 * Sending caps for relays with quotas: at most `perSecond` messages a second
 * (a burst of one second's worth, then evenly spaced: the generic cell rate
 * algorithm) and at most `perHour` per hour, counted in hour-long windows
 * that start at the first send after the previous window ran out. 0 means
 * no cap.
 *
 * The caps hold across every worker on every instance: the state lives in
 * one database row (`SendingPace`) that each send changes with one atomic
 * UPDATE … RETURNING (decision 0033 explains why not Redis). Each send
 * reserves the next free moment and sleeps until it, so workers never spin
 * on the row. The clock and the store are injectable: the rules are tested
 * without waiting or a database (pacing.test.ts), the sharing with two real
 * workers (pacing.int.test.ts).
 */
export type Clock = { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void> };

/** Abortable sleep: an aborted signal ends it at once. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

export const realClock: Clock = { now: () => Date.now(), sleep };

/** Where the caps' state lives; times in microseconds. */
export type PaceStore = {
  /** Moves the theoretical arrival time to max(it, now) + interval and returns the new value. */
  reserve(nowUs: number, intervalUs: number): Promise<number>;
  /** Counts one send in the current hour window (starting a new one if it ran out); returns the count and the window's start. */
  countHour(nowUs: number): Promise<{ count: number; start: number }>;
};

const HOUR_US = 3_600_000_000;

/** The state in memory: one process's own caps (tests). */
export function memoryPace(): PaceStore {
  let tat = 0;
  let start = 0;
  let count = 0;
  return {
    async reserve(nowUs, intervalUs) {
      tat = Math.max(tat, nowUs) + intervalUs;
      return tat;
    },
    async countHour(nowUs) {
      if (start <= nowUs - HOUR_US) {
        start = nowUs;
        count = 0;
      }
      return { count: ++count, start };
    },
  };
}

/** The state in the database, shared by every worker using it. */
export function databasePace(db: Db, key = "newsletter"): PaceStore {
  let ready: Promise<unknown> | undefined;
  const ensure = () =>
    (ready ??= execute(
      db,
      sql`INSERT INTO "SendingPace" ("id", "nextAt", "hourStart", "hourCount") VALUES (${key}, ${0n}, ${0n}, ${0}) ON CONFLICT ("id") DO NOTHING`,
    ).catch((e) => {
      ready = undefined;
      throw e;
    }));
  return {
    async reserve(nowUs, intervalUs) {
      await ensure();
      const now = BigInt(Math.round(nowUs));
      const [r] = await queryRows<{ nextAt: unknown }>(
        db,
        sql`UPDATE "SendingPace" SET "nextAt" = CASE WHEN "nextAt" > ${now} THEN "nextAt" ELSE ${now} END + ${BigInt(Math.round(intervalUs))}
            WHERE "id" = ${key} RETURNING "nextAt"`,
      );
      return toNumber(r?.nextAt);
    },
    async countHour(nowUs) {
      await ensure();
      const now = BigInt(Math.round(nowUs));
      const cut = now - BigInt(HOUR_US);
      // Both SET expressions read the row as it was: the window and its count change together.
      const [r] = await queryRows<{ hourCount: unknown; hourStart: unknown }>(
        db,
        sql`UPDATE "SendingPace" SET
              "hourCount" = CASE WHEN "hourStart" <= ${cut} THEN 1 ELSE "hourCount" + 1 END,
              "hourStart" = CASE WHEN "hourStart" <= ${cut} THEN ${now} ELSE "hourStart" END
            WHERE "id" = ${key} RETURNING "hourCount", "hourStart"`,
      );
      return { count: toNumber(r?.hourCount), start: toNumber(r?.hourStart) };
    },
  };
}

/**
 * A gate each send passes first. Resolves true when the message may go,
 * false when `signal` was aborted while waiting (the caller must not send).
 */
export type Gate = (signal?: AbortSignal) => Promise<boolean>;

export function rateGate(perSecond: number, perHour: number, clock: Clock = realClock, store: PaceStore = memoryPace()): Gate {
  if (perSecond <= 0 && perHour <= 0) return async (signal) => !signal?.aborted;
  const intervalUs = perSecond > 0 ? 1_000_000 / perSecond : 0;
  // A burst of one second's worth (at least one message).
  const burstUs = Math.max(1, perSecond) * intervalUs;
  return async (signal) => {
    if (perHour > 0) {
      for (;;) {
        if (signal?.aborted) return false;
        const { count, start } = await store.countHour(clock.now() * 1000);
        if (count <= perHour) break;
        await clock.sleep((start + HOUR_US) / 1000 - clock.now(), signal);
      }
    }
    if (perSecond > 0) {
      if (signal?.aborted) return false;
      const tat = await store.reserve(clock.now() * 1000, intervalUs);
      const wait = (tat - burstUs) / 1000 - clock.now();
      if (wait > 0) await clock.sleep(wait, signal);
    }
    return !signal?.aborted;
  };
}
