import { emailTemplates } from "../../components/email/templates";
import { keyring } from "../security/signed-token";
import { beforeEach, describe, expect, it } from "vitest";
import { createMailer } from "../mail/transport";
import { verifyToken } from "../security/signed-token";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { suiteSmtpSink } from "../testing/smtp-sink";
import { eraseCommenter, listComments, setCommentStatus, stopReplyNotifications, type EditorDeps } from "./editor";
import { STOP_REPLIES_PURPOSE } from "./notify";

const target = await testDatabaseTarget();
const SECRET = "x".repeat(40);

describe.skipIf(!target.available)(`editor actions on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  const sink = suiteSmtpSink();
  let changed: string[];
  beforeEach(async () => {
    changed = [];
    sink.messages.length = 0;
    await t.db.comment.deleteMany();
  });
  const deps = (): EditorDeps => ({
    db: t.db,
    mailer: createMailer({ smtpUrl: sink.url, from: "Back in Motion <news@backinmotion.example>" }),
    publicUrl: "https://backinmotion.example",
    keys: keyring(SECRET),
    mailFrom: "Back in Motion <news@backinmotion.example>",
    siteName: "Back in Motion",
    templates: emailTemplates,
    articleTitle: (slug) => (slug === "posture-myths" ? "Posture and Back Pain" : undefined),
    onChanged: async (slug) => void changed.push(slug),
  });
  const parentAndReply = async (notify = true) => {
    const parent = await t.db.comment.create({
      data: {
        articleSlug: "posture-myths",
        authorName: "Ann",
        authorEmail: "ann@example.com",
        body: "Parent",
        status: "approved",
        notifyReplies: notify,
      },
    });
    const reply = await t.db.comment.create({
      data: { articleSlug: "posture-myths", parentId: parent.id, authorName: "Ben", authorEmail: "ben@example.com", body: "Reply" },
    });
    return { parent, reply };
  };

  it("approving a held reply regenerates the page and notifies the parent who asked", async () => {
    const { parent, reply } = await parentAndReply();
    expect(await setCommentStatus(deps(), reply.id, "approved")).toEqual({ ok: true, notified: true });
    expect(changed).toEqual(["posture-myths"]);
    const [m] = await sink.waitFor(1);
    expect(m.to && "text" in m.to ? m.to.text : "").toContain("ann@example.com");
    expect(m.subject).toBe("New reply to your comment on “Posture and Back Pain”");
    expect(m.text).toContain(`https://backinmotion.example/articles/posture-myths#comment-${reply.id}`);
    expect(m.text).not.toContain("ben@example.com");
    expect(m.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toContain("One-Click");
    const token = decodeURIComponent(/token=([^\s>]+)/.exec(m.text!)![1]);
    expect(verifyToken(SECRET, STOP_REPLIES_PURPOSE, token)).toEqual({ ok: true, subject: parent.id });
  });

  it("sends nothing when the parent did not ask, or for spam", async () => {
    const { reply } = await parentAndReply(false);
    expect(await setCommentStatus(deps(), reply.id, "approved")).toEqual({ ok: true, notified: false });
    const other = await parentAndReply(true);
    expect(await setCommentStatus(deps(), other.reply.id, "spam")).toEqual({ ok: true, notified: false });
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.messages).toHaveLength(0);
  });

  it("stopping notifications works through the signed link's subject", async () => {
    const { parent, reply } = await parentAndReply(true);
    expect(await stopReplyNotifications(t.db, parent.id)).toBe(true);
    expect(await setCommentStatus(deps(), reply.id, "approved")).toEqual({ ok: true, notified: false });
  });

  it("removing an approved comment regenerates the page; unknown ids and statuses are refused", async () => {
    const { parent } = await parentAndReply();
    expect(await setCommentStatus(deps(), parent.id, "deleted")).toEqual({ ok: true, notified: false });
    expect(changed).toEqual(["posture-myths"]);
    expect(await setCommentStatus(deps(), "nope", "approved")).toMatchObject({ ok: false });
    expect(await setCommentStatus(deps(), parent.id, "bogus" as never)).toMatchObject({ ok: false });
  });

  it("lists by status for the moderation queue", async () => {
    await parentAndReply();
    expect((await listComments(t.db, { status: "pending" })).map((r) => r.name)).toEqual(["Ben"]);
  });

  it("erases a commenter's personal data, keeping or removing the text", async () => {
    await parentAndReply();
    expect(await eraseCommenter(deps(), " ANN@example.com ", { keepText: true })).toEqual({ comments: 1, articles: ["posture-myths"] });
    const kept = await t.db.comment.findFirst({ where: { body: "Parent" } });
    expect(kept).toMatchObject({ authorName: "Anonymous", authorEmail: null, status: "approved" });
    await eraseCommenter(deps(), "ben@example.com", { keepText: false });
    expect(await t.db.comment.findFirst({ where: { authorEmail: "ben@example.com" } })).toBeNull();
    expect(await t.db.comment.count({ where: { body: "Reply" } })).toBe(0);
  });
});
