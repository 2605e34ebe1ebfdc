import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { startCommentPoster } from "../testing/processes";

// The comment intake answers a comment only after the transaction holding it
// committed (grouped with others on SQLite). Killed at random moments, no
// acknowledged comment may be missing; several processes posting into one
// SQLite file at once must all get through.
const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`comment intake durability on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);

  const poster = (who: string, count: number) => startCommentPoster(t.url, who, count);
  const storedIds = async () => new Set((await t.db.comment.findMany({ select: { id: true } })).map((c) => c.id));

  it("4 processes posting at once: every comment lands", { timeout: 180_000 }, async () => {
    const before = (await storedIds()).size;
    const posters = ["a", "b", "c", "d"].map((who) => poster(who, 150));
    for (const p of posters) expect(await p.exited, p.errors()).toBe(0);
    const ids = await storedIds();
    expect(ids.size).toBe(before + 600);
    for (const p of posters) expect(p.acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("killed at random moments, every acknowledged comment is stored", { timeout: 180_000 }, async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < 5; round++) {
      const p = poster(`k${round}`, 0);
      while (p.acknowledged.length < 20 && p.child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 250));
      expect(p.child.exitCode, p.errors()).toBeNull();
      p.child.kill("SIGKILL");
      await p.exited;
      acknowledged.push(...p.acknowledged);
    }
    // Each round waits for 20 acknowledgements before its kill; more may land before it on a fast machine.
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);
    const ids = await storedIds();
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  });
});
