import { describe, expect, it } from "vitest";
import { memoryPace, rateGate, sleep, type Clock } from "./pacing";

/** A clock that only moves when someone sleeps: each send's time is exact. */
function fakeClock(start = 0): Clock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += Math.max(0, ms);
    },
  };
  return c;
}

async function sendTimes(gate: () => Promise<unknown>, clock: { t: number }, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await gate();
    times.push(clock.t);
  }
  return times;
}

describe("sending caps", () => {
  it("no cap: every send goes at once", async () => {
    const clock = fakeClock();
    expect(await sendTimes(rateGate(0, 0, clock), clock, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it("per second: a burst of one second's worth, then evenly spaced", async () => {
    const clock = fakeClock();
    const times = await sendTimes(rateGate(4, 0, clock), clock, 10);
    expect(times.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(times.slice(4)).toEqual([250, 500, 750, 1000, 1250, 1500]);
    // Over any stretch the rate holds: 10 sends took 1.5 s with a burst of 4.
    expect(times.filter((t) => t < 1000)).toHaveLength(7);
  });

  it("below one per second: one send every 1/rate seconds", async () => {
    const clock = fakeClock();
    expect(await sendTimes(rateGate(0.5, 0, clock), clock, 3)).toEqual([0, 2000, 4000]);
  });

  it("per hour: stops at the cap and waits for the next hour", async () => {
    const clock = fakeClock();
    const times = await sendTimes(rateGate(0, 3, clock), clock, 7);
    expect(times).toEqual([0, 0, 0, 3_600_000, 3_600_000, 3_600_000, 7_200_000]);
  });

  it("both caps at once: the stricter one governs", async () => {
    const clock = fakeClock();
    const times = await sendTimes(rateGate(10, 5, clock), clock, 6);
    expect(times.slice(0, 5).every((t) => t < 1000)).toBe(true);
    expect(times[5]).toBeGreaterThanOrEqual(3_600_000);
  });

  it("two gates on one store share the cap (as workers share the database row)", async () => {
    const clock = fakeClock();
    const store = memoryPace();
    const a = rateGate(2, 0, clock, store);
    const b = rateGate(2, 0, clock, store);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await a();
      times.push(clock.t);
      await b();
      times.push(clock.t);
    }
    expect(times).toEqual([0, 0, 500, 1000, 1500, 2000]);
  });

  it("a stop while waiting for the cap says so at once, and the caller does not send", async () => {
    const gate = rateGate(1, 0);
    expect(await gate()).toBe(true);
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 20);
    expect(await gate(stop.signal)).toBe(false);
    expect(Date.now() - started).toBeLessThan(900);
    await sleep(1, stop.signal);
  });
});
