// Click counts reach the database in batches, adding up across flushes, on both databases.
import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { ClickBatcher, flushClickCounts } from "./clicks";

const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`click counts on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);

  it("adds clicks per link and per product and article, with no reader stored", async () => {
    const b = new ClickBatcher(() => t.db, { flushMs: 60_000, maxKeys: 10_000 });
    for (let i = 0; i < 5; i++) b.link("c1", "https://a.example/");
    b.link("c1", "https://b.example/");
    b.product("pillow", "sleep", new Date("2026-11-26T10:00:00Z"));
    b.product("pillow", "", new Date("2026-11-26T10:00:00Z"));
    expect(await t.db.linkClick.count()).toBe(0);
    await b.flush();
    for (let i = 0; i < 3; i++) b.link("c1", "https://a.example/");
    b.product("pillow", "sleep", new Date("2026-11-26T11:00:00Z"));
    await b.flush();
    expect(await t.db.linkClick.findMany({ orderBy: { url: "asc" }, select: { campaignId: true, url: true, clicks: true } })).toEqual([
      { campaignId: "c1", url: "https://a.example/", clicks: 8 },
      { campaignId: "c1", url: "https://b.example/", clicks: 1 },
    ]);
    expect(await t.db.productClick.findMany({ orderBy: { articleSlug: "asc" } })).toEqual([
      { productSlug: "pillow", articleSlug: "", day: "2026-11-26", clicks: 1 },
      { productSlug: "pillow", articleSlug: "sleep", day: "2026-11-26", clicks: 2 },
    ]);
  });

  it("what a batcher holds is written by the shutdown flush (server.ts on SIGTERM), long before its timer", async () => {
    await t.db.productClick.deleteMany();
    // Another copy of the module (Next's bundle) registers its batchers in the same process-wide set.
    const b = new ClickBatcher(() => t.db, { flushMs: 60_000, maxKeys: 10_000 });
    for (let i = 0; i < 7; i++) b.product("cushion", "desk", new Date("2026-11-26T10:00:00Z"));
    b.link("c2", "https://c.example/");
    expect(b.held).toBe(2);
    expect(await flushClickCounts()).toBeGreaterThanOrEqual(2);
    expect(b.held).toBe(0);
    expect(await t.db.productClick.findMany({ select: { productSlug: true, clicks: true } })).toEqual([
      { productSlug: "cushion", clicks: 7 },
    ]);
    expect((await t.db.linkClick.findFirstOrThrow({ where: { campaignId: "c2" } })).clicks).toBe(1);
  });
});
