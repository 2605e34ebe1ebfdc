import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseTarget, type TestDatabase } from "../testing/database";

// The comment intake answers a comment only after the transaction holding it
// committed (grouped with others on SQLite). Killed at random moments, no
// acknowledged comment may be missing; several processes posting into one
// SQLite file at once must all get through.
const target = await testDatabaseTarget();
const script = path.join(import.meta.dirname, "../testing/post-comments.ts");
const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");

describe.skipIf(!target.available)(`comment intake durability on ${target.kind}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(target.kind);
  });
  afterAll(async () => t?.cleanup());

  const poster = (who: string, count: number) => {
    const child = spawn(tsx, [script, who, String(count)], {
      env: { ...process.env, DATABASE_URL: t.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acknowledged: string[] = [];
    let errors = "";
    let buffered = "";
    child.stdout!.on("data", (chunk) => {
      const lines = (buffered + chunk).split("\n");
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith("stored ")) acknowledged.push(line.slice(7));
    });
    child.stderr!.on("data", (c) => (errors += c));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    return { child, acknowledged, exited, errors: () => errors };
  };
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
