import { describe, expect, it } from "vitest";
import { concat, queryRows, sql, type Statement } from "../db/sql";
import type { Step } from "../db/transaction";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { intake, type IntakeRequest } from "./intake";

// Every comment post runs these statements inside the write transaction, so
// none may walk a table that grows with the site. SQLite has no statistics to
// guide its planner (no ANALYZE is run), which is where a missing index showed:
// "has this address an approved comment?" walked every approved comment.
const target = await testDatabaseTarget();

/** The statements one intake runs, driven with answers that take it all the way to the insert. */
function intakeStatements(): Statement[] {
  const now = new Date();
  const request: IntakeRequest = {
    tokenHash: "t",
    limits: [{ key: "comment-ip:1", limit: { points: 5, durationSeconds: 600 } }],
    comment: {
      articleSlug: "posture-myths",
      parentId: "p",
      authorName: "Ann",
      authorEmail: "ann@example.com",
      authorUrl: null,
      body: "Thanks.",
      notifyReplies: false,
      ipPrefix: "192.0.2.0",
      browserHash: "b",
    },
    emailHash: "e",
    addressKey: "k",
    duplicateSince: now,
    now,
    decide: () => ({ status: "pending", reason: "first comment" }),
  };
  const answers: Record<string, unknown> = {
    run: 1,
    get: { points: 1, expire: null, parentStatus: "approved", duplicate: 0, known: 0, knownEmail: 0, blocked: 0 },
  };
  const statements: Statement[] = [];
  const work = intake(request);
  for (let next = work.next(); !next.done;) {
    const step: Step = next.value;
    if (step.kind === "lock") next = work.next(undefined);
    else {
      statements.push(step.st);
      next = work.next(answers[step.kind]);
    }
  }
  return statements;
}

describe.skipIf(!target.available || target.kind !== "sqlite")("the comment intake's query plans on SQLite", () => {
  const t = suiteDatabase("sqlite");

  it("reads the Comment table only through indexes that match every equality it asks", async () => {
    const statements = intakeStatements();
    expect(statements.length).toBeGreaterThanOrEqual(4);
    const plans: string[] = [];
    for (const st of statements) {
      const rows = await queryRows<{ detail: string }>(t.db, concat(sql`EXPLAIN QUERY PLAN `, st));
      plans.push(...rows.map((r) => r.detail));
    }
    const onComment = plans.filter((d) => /\bComment\b/.test(d));
    expect(onComment.length).toBeGreaterThan(0);
    // No full scan, and no index used for `status` alone (it holds every approved comment).
    expect(onComment.filter((d) => d.startsWith("SCAN"))).toEqual([]);
    expect(onComment.filter((d) => /\(status=\?\)/.test(d))).toEqual([]);
    expect(onComment.some((d) => /USING (COVERING )?INDEX Comment_authorEmail_status_idx \(authorEmail=\? AND status=\?\)/.test(d))).toBe(
      true,
    );
  });
});
