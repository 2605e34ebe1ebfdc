import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { emailHashOf } from "../../comments/identity";
import { intake } from "../../comments/intake";
import { moderate, UNCONFIRMED_BROWSER } from "../../comments/moderation";
import { approvedCommentThreads } from "../../comments/public";
import { transact } from "../../db/transaction";
import { suiteDatabase, testDatabaseTarget } from "../../testing/database";
import { countExisting, insertComments } from "./comments";
import { planImport, type PlannedComment } from "./plan";
import { readWxrFile } from "./reader";
import { readRepo } from "./repo";

const target = await testDatabaseTarget();
const EXPORT = path.join(process.cwd(), "e2e/fixtures/wordpress/spine-notes.xml");

describe.skipIf(!target.available)(`imported comments on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let planned: PlannedComment[];
  beforeAll(async () => {
    const plan = await planImport(await readWxrFile(EXPORT), "spine-notes.xml", readRepo(process.cwd()), {
      authorMap: {},
      now: new Date(),
    });
    planned = plan.comments;
  });

  it("go into the Comment table with state, threading, dates and their WordPress id, once however often the import runs", async () => {
    expect(await countExisting(t.db, planned)).toBe(0);
    expect(await insertComments(t.db, planned)).toEqual({ inserted: 6, existing: 0 });
    expect(await insertComments(t.db, planned)).toEqual({ inserted: 0, existing: 6 });
    expect(await countExisting(t.db, planned)).toBe(6);
    const rows = await t.db.comment.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(6);
    const byWp = new Map(rows.map((r) => [r.importedId!.split(":").pop(), r]));
    expect(byWp.get("201")).toMatchObject({
      articleSlug: "walking-after-work",
      status: "approved",
      authorEmail: "maya@readers.example",
      createdAt: new Date("2023-11-17T08:00:00Z"),
      approvedAt: new Date("2023-11-17T08:00:00Z"),
    });
    expect(byWp.get("203")!.parentId).toBe(byWp.get("202")!.id);
    expect(byWp.get("202")!.parentId).toBe(byWp.get("201")!.id);
    expect(byWp.get("204")).toMatchObject({ status: "pending", approvedAt: null });
    expect(byWp.get("205")!.status).toBe("spam");
  });

  it("approved ones appear as threads on the article; held and spam ones do not", async () => {
    const { threads, count } = await approvedCommentThreads(t.db, "walking-after-work");
    expect(count).toBe(4);
    expect(threads.map((n) => n.comment.authorName)).toEqual(["Maya R.", "quiet.walker"]);
    expect(threads[0].replies[0].comment.authorName).toBe("Sam");
    expect(threads[0].replies[0].replies[0].comment.html).toBe("<p>Before dinner, while it is still light.</p>");
    // No address reaches what a page renders.
    expect(JSON.stringify(threads)).not.toContain("@readers.example");
  });

  it("the writers of approved comments count as known commenters: a new browser of theirs is asked to confirm, not treated as a first comment", async () => {
    // Decision 0014: a typed address proves nothing, so even a known email publishes at once only from a
    // browser tied to it. An imported approved commenter is a known email (moderation then holds the
    // comment as a returning commenter on an unconfirmed browser and mails the owner a confirm link);
    // a writer with only held or spam comments is a first-time commenter.
    const facts = async (email: string) => {
      let seen: { knownCommenter: boolean; knownEmail: boolean; blocked: boolean } | undefined;
      await transact(t.db, () =>
        intake({
          limits: [],
          comment: {
            articleSlug: "walking-after-work",
            parentId: null,
            authorName: "x",
            authorEmail: email,
            authorUrl: null,
            body: `hello ${email}`,
            notifyReplies: false,
            ipPrefix: null,
            browserHash: "b".repeat(64),
          },
          emailHash: emailHashOf(email),
          duplicateSince: new Date(0),
          now: new Date(),
          decide: (f) => {
            seen = f;
            return { status: "pending", reason: "test" };
          },
        }),
      );
      return seen;
    };
    const maya = (await facts("maya@readers.example"))!;
    expect(maya).toEqual({ knownCommenter: false, knownEmail: true, blocked: false });
    expect(
      moderate(
        { body: "x", authorName: "Maya", linkCount: 0, honeypotFilled: false, submittedTooFast: false, ...maya },
        { maxLinks: 2, blockedWords: [] },
      ),
    ).toEqual({
      status: "pending",
      reason: UNCONFIRMED_BROWSER,
    });
    expect(await facts("new@readers.example")).toEqual({ knownCommenter: false, knownEmail: false, blocked: false });
    expect(await facts("offers@spam.example")).toEqual({ knownCommenter: false, knownEmail: false, blocked: false });
  });

  it("are marked for moderators as imported", async () => {
    const row = await t.db.comment.findFirstOrThrow({ where: { importedId: { endsWith: ":204" } } });
    expect(row.moderationNote).toBe("imported from WordPress (held there)");
  });
});
