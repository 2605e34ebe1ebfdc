import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitComment, type SubmitDeps } from "../comments/submit";
import { runWorker } from "../newsletter/worker";
import { createRateLimiter } from "../security/rate-limit";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { testWorkerDeps } from "../testing/worker-deps";
import { createDb, type Db } from "./client";
import { isDatabaseBusy } from "./errors";

// With every pooled PostgreSQL connection taken, the comment intake, the
// rate limiter and the worker fail fast with an error the routes answer as
// 503 + Retry-After (lib/http/busy.ts), instead of waiting without end.
const target = await testDatabaseTarget();

describe.runIf(target.available && target.kind === "postgres")("an exhausted PostgreSQL pool", () => {
  const t = suiteDatabase("postgres");
  let small: Db;
  let release: () => void = () => {};
  let holding: Promise<unknown>;
  beforeAll(async () => {
    small = createDb({ url: t.url, poolSize: 1, poolTimeoutMs: 300 });
    // The pool's one connection, held by a transaction until the tests are done.
    let started: () => void = () => {};
    const ready = new Promise<void>((r) => (started = r));
    holding = small.$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe("SELECT 1");
        started();
        await new Promise<void>((r) => (release = r));
      },
      { timeout: 60_000, maxWait: 5_000 },
    );
    await ready;
  });
  afterAll(async () => {
    release();
    await holding?.catch(() => {});
    await small?.$disconnect();
  });

  const fast = async (work: () => Promise<unknown>) => {
    const started = Date.now();
    const error = await work().then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, ms: Date.now() - started };
  };

  it("the comment intake fails fast as busy", async () => {
    const deps: SubmitDeps = {
      db: small,
      policy: { maxLinks: 2, blockedWords: [], minSecondsToSubmit: 0, duplicateWindowHours: 24 },
      limits: {
        perIp: { name: "p-ip", points: 100, durationSeconds: 600 },
        perEmail: { name: "p-email", points: 100, durationSeconds: 600 },
      },
      names: { siteName: "Back in Motion", staffNames: [] },
      articleExists: () => true,
      checkCaptcha: async () => ({ ok: true }),
    };
    const r = await fast(() =>
      submitComment(
        deps,
        { articleSlug: "posture-myths", name: "Ann", email: "ann@example.com", body: "Busy?" },
        { ip: "198.51.100.9", browserId: "b" },
      ),
    );
    expect(isDatabaseBusy(r.error), String(r.error)).toBe(true);
    expect(r.ms).toBeLessThan(10_000);
    expect(await t.db.comment.count()).toBe(0);
  });

  it("the rate limiter fails fast as busy", async () => {
    const r = await fast(() => createRateLimiter(small, "pool-test", { points: 5, durationSeconds: 60 }).consume("198.51.100.9"));
    expect(isDatabaseBusy(r.error), String(r.error)).toBe(true);
  });

  it("the worker fails fast as busy", async () => {
    const r = await fast(() => runWorker(testWorkerDeps(small, "smtp://127.0.0.1:1"), { once: true }));
    expect(isDatabaseBusy(r.error), String(r.error)).toBe(true);
  });
});
