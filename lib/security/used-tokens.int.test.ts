import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { databaseLedger, purgeUsedTokens } from "./used-tokens";

const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`single-use tokens on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);

  it("a token can be claimed once, even by concurrent requests", async () => {
    const ledger = databaseLedger(t.db, "captcha");
    const results = await Promise.all(Array.from({ length: 10 }, () => ledger.claim("abc")));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("purposes do not collide, and old entries can be purged", async () => {
    expect(await databaseLedger(t.db, "unsubscribe").claim("abc")).toBe(true);
    expect(await purgeUsedTokens(t.db, new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(2);
    expect(await databaseLedger(t.db, "captcha").claim("abc")).toBe(true);
  });
});
