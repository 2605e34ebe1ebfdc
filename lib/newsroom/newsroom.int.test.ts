import { beforeEach, describe, expect, it } from "vitest";
import { emailTemplates } from "../../components/email/templates";
import type { EditorDeps } from "../comments/editor";
import { keyring } from "../security/signed-token";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { listAudit } from "./audit";
import { applyQueueAction, blockNetworkRange, blockWriter, editComment, replyAsStaff, unblockNetworkRange } from "./comment-actions";
import { commentCounts, listQueue } from "./comment-queue";
import { addEditor, removeEditor } from "./editors";
import { createSession, endAllSessions, readSession } from "./sessions";
import { checkSignInLink, redeemSignInLink, requestSignIn, type SignInRequestDeps } from "./sign-in";
import { hashSecret, newSecret } from "./tokens";

const target = await testDatabaseTarget();
const OPERATOR = { id: null, name: "operator", ipPrefix: null };

describe.skipIf(!target.available)(`the newsroom on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  beforeEach(async () => {
    await t.db.auditEntry.deleteMany();
    await t.db.comment.deleteMany();
    await t.db.commenterBlock.deleteMany();
    await t.db.signInRequest.deleteMany();
    await t.db.editor.deleteMany();
  });

  const editor = async (email = "ana@example.org", role = "moderator") => {
    const r = await addEditor(t.db, OPERATOR, { email, role, displayName: "Ana Ruiz", credentials: "PT, DPT", badge: "medical-reviewer" });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.editor;
  };

  describe("sign-in links", () => {
    const sent: { email: string; url: string }[] = [];
    const deps = (over: Partial<SignInRequestDeps> = {}): SignInRequestDeps => ({
      db: t.db,
      limitByAddress: async () => ({ ok: true }),
      limitByIp: async () => ({ ok: true }),
      sendLink: async (to, url) => void sent.push({ email: to.email, url }),
      linkBase: "https://site.example/newsroom/sign-in/link",
      ...over,
    });
    const ask = (email: string, nonce: string, d = deps()) =>
      requestSignIn(d, { email, browserNonce: nonce, ip: "203.0.113.9", ipPrefix: "203.0.113.0" });
    const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
    beforeEach(() => void (sent.length = 0));

    it("answers a known and an unknown address alike, and mails only the editor", async () => {
      await editor();
      const nonce = newSecret();
      expect(await ask(" ANA@example.org ", nonce)).toEqual({ kind: "sent" });
      expect(await ask("nobody@example.org", nonce)).toEqual({ kind: "sent" });
      expect(sent.map((s) => s.email)).toEqual(["ana@example.org"]);
      const stored = await t.db.signInRequest.findFirstOrThrow();
      expect(stored.tokenHash).toBe(hashSecret(tokenOf(sent[0].url)));
      expect(JSON.stringify(stored)).not.toContain(tokenOf(sent[0].url));
    });

    it("works once, in the browser that asked", async () => {
      const e = await editor();
      const nonce = newSecret();
      await ask("ana@example.org", nonce);
      const token = tokenOf(sent[0].url);
      expect(await checkSignInLink(t.db, token, nonce)).toMatchObject({ ok: true, sameBrowser: true });
      expect(await redeemSignInLink(t.db, { token, browserNonce: nonce, confirmOtherBrowser: false })).toEqual({
        ok: true,
        editorId: e.id,
      });
      expect(await redeemSignInLink(t.db, { token, browserNonce: nonce, confirmOtherBrowser: false })).toEqual({
        ok: false,
        reason: "used",
      });
    });

    it("in another browser, asks to confirm there first", async () => {
      await editor();
      await ask("ana@example.org", newSecret());
      const token = tokenOf(sent[0].url);
      expect(await checkSignInLink(t.db, token, newSecret())).toMatchObject({ ok: true, sameBrowser: false });
      expect(await redeemSignInLink(t.db, { token, browserNonce: undefined, confirmOtherBrowser: false })).toEqual({
        ok: false,
        reason: "other-browser",
      });
      expect(await redeemSignInLink(t.db, { token, browserNonce: undefined, confirmOtherBrowser: true })).toMatchObject({ ok: true });
    });

    it("expires after 15 minutes, and refuses forged tokens", async () => {
      await editor();
      const nonce = newSecret();
      const t0 = new Date();
      await ask("ana@example.org", nonce, deps({ now: () => t0 }));
      const token = tokenOf(sent[0].url);
      const later = new Date(t0.getTime() + 15 * 60_000 + 1);
      expect(await redeemSignInLink(t.db, { token, browserNonce: nonce, confirmOtherBrowser: false }, later)).toEqual({
        ok: false,
        reason: "expired",
      });
      expect(await redeemSignInLink(t.db, { token: newSecret(), browserNonce: nonce, confirmOtherBrowser: false })).toEqual({
        ok: false,
        reason: "invalid",
      });
    });

    it("is rate-limited per network and per address, known or not", async () => {
      const refused = async () => ({ ok: false as const, retryAfterSeconds: 30 });
      expect(await ask("nobody@example.org", newSecret(), deps({ limitByAddress: refused }))).toEqual({
        kind: "rate-limited",
        retryAfterSeconds: 30,
      });
      expect(await ask("nobody@example.org", newSecret(), deps({ limitByIp: refused }))).toEqual({
        kind: "rate-limited",
        retryAfterSeconds: 30,
      });
    });
  });

  describe("sessions", () => {
    const policy = { idleMs: 3_600_000, absoluteMs: 86_400_000 };
    it("store only the token's hash, end when idle, and all end at once on 'sign out everywhere'", async () => {
      const e = await editor();
      const t0 = new Date();
      const a = await createSession(t.db, e.id, policy, { userAgent: "Firefox on Linux", ipPrefix: "203.0.113.0" }, t0);
      const b = await createSession(t.db, e.id, policy, { userAgent: null, ipPrefix: null }, t0);
      expect(await t.db.editorSession.count({ where: { tokenHash: a.token } })).toBe(0);
      expect(await readSession(t.db, a.token, policy, t0)).toMatchObject({ id: e.id, role: "moderator" });
      expect(await readSession(t.db, b.token, policy, new Date(t0.getTime() + policy.idleMs + 1))).toBeNull();
      expect(await t.db.editorSession.count()).toBe(1);
      expect(await endAllSessions(t.db, e.id)).toBe(1);
      expect(await readSession(t.db, a.token, policy, t0)).toBeNull();
    });
    it("end when the editor is removed", async () => {
      const e = await editor("mo@example.org");
      await editor("admin@example.org", "admin");
      const s = await createSession(t.db, e.id, policy, { userAgent: null, ipPrefix: null });
      expect(await removeEditor(t.db, OPERATOR, { id: e.id })).toEqual({ ok: true });
      expect(await readSession(t.db, s.token, policy)).toBeNull();
    });
  });

  describe("the comment queue", () => {
    const changed: string[] = [];
    const deps = (): EditorDeps => ({
      db: t.db,
      templates: emailTemplates,
      publicUrl: "https://site.example",
      keys: keyring("k".repeat(40)),
      mailFrom: "news@site.example",
      siteName: "Back in Motion",
      articleTitle: () => "An article",
      onChanged: async (slug) => void changed.push(slug),
    });
    const comment = (data: { body: string; status?: string; authorEmail?: string; createdAt?: Date; parentId?: string }) =>
      t.db.comment.create({
        data: { articleSlug: "posture-myths", authorName: "Ben", authorEmail: "ben@example.com", ipPrefix: "198.51.100.0", ...data },
      });

    it("lists a state newest first in keyset pages, with counts, parents and the writer's history, never the address", async () => {
      const parent = await comment({ body: "The first one", status: "approved", createdAt: new Date("2026-01-01T00:00:00Z") });
      for (let i = 0; i < 5; i++)
        await comment({ body: `Held ${i}`, parentId: parent.id, createdAt: new Date(Date.UTC(2026, 1, 1, 0, i)) });
      expect(await commentCounts(t.db)).toEqual({ pending: 5, approved: 1, spam: 0, deleted: 0 });
      const first = await listQueue(t.db, { status: "pending", limit: 2 });
      expect(first.items.map((i) => i.body)).toEqual(["Held 4", "Held 3"]);
      expect(first.items[0]).toMatchObject({ parent: { authorName: "Ben", excerpt: "The first one" }, history: { count: 5, approved: 1 } });
      expect(JSON.stringify(first)).not.toContain("ben@example.com");
      const second = await listQueue(t.db, { status: "pending", limit: 2, cursor: first.next });
      expect(second.items.map((i) => i.body)).toEqual(["Held 2", "Held 1"]);
      const third = await listQueue(t.db, { status: "pending", limit: 2, cursor: second.next });
      expect(third.items.map((i) => i.body)).toEqual(["Held 0"]);
      expect(third.next).toBeUndefined();
    });

    it("approves a selection, regenerates the page and audits each change with who did it", async () => {
      changed.length = 0;
      const a = await comment({ body: "A" });
      const b = await comment({ body: "B" });
      const actor = { id: "ed1", name: "Ana Ruiz", ipPrefix: "203.0.113.0" };
      expect(await applyQueueAction(deps(), actor, [a.id, b.id, "gone"], "approve")).toEqual({ changed: 2, missing: ["gone"] });
      expect(changed).toEqual(["posture-myths", "posture-myths"]);
      const { rows } = await listAudit(t.db);
      expect(rows.map((r) => [r.action, r.editorName, r.ipPrefix])).toEqual([
        ["comment.approve", "Ana Ruiz", "203.0.113.0"],
        ["comment.approve", "Ana Ruiz", "203.0.113.0"],
      ]);
    });

    it("keeps an edited comment's original text in the audit log", async () => {
      const c = await comment({ body: "Call me on 555 0100", status: "approved" });
      const r = await editComment(deps(), OPERATOR, c.id, "Call me (number removed)");
      expect(r).toMatchObject({ ok: true });
      expect((await t.db.comment.findUniqueOrThrow({ where: { id: c.id } })).body).toBe("Call me (number removed)");
      const [entry] = (await listAudit(t.db)).rows;
      expect(JSON.parse(entry.before!)).toEqual({ body: "Call me on 555 0100" });
    });

    it("publishes a reply as the publication with the editor's name, credentials and badge", async () => {
      const c = await comment({ body: "Is this safe?", status: "approved" });
      const r = await replyAsStaff(deps(), OPERATOR, c.id, "Yes, within limits.", {
        id: "ed1",
        displayName: "Ana Ruiz",
        credentials: "PT, DPT",
        badgeLabel: "Medical reviewer",
      });
      expect(r).toMatchObject({ ok: true });
      const reply = await t.db.comment.findFirstOrThrow({ where: { parentId: c.id } });
      expect(reply).toMatchObject({
        status: "approved",
        authorName: "Ana Ruiz",
        staffBadge: "Medical reviewer",
        staffCredentials: "PT, DPT",
      });
    });

    it("blocks a writer by address hash and network", async () => {
      const c = await comment({ body: "Buy now" });
      expect(await blockWriter({ db: t.db }, OPERATOR, c.id, { email: true, network: true })).toMatchObject({
        ok: true,
        ipPrefix: "198.51.100.0",
      });
      const block = await t.db.commenterBlock.findFirstOrThrow();
      expect(block.emailHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(block)).not.toContain("ben@example.com");
    });
  });

  it("blocks and lifts an IP range from the console, audited; a bad or too wide range changes nothing", async () => {
    const actor = { id: "ed-1", name: "Ana Ruiz", ipPrefix: "192.0.2.0" };
    expect(await blockNetworkRange({ db: t.db }, actor, { range: "10.0.0.0/4" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too wide/),
    });
    expect(await blockNetworkRange({ db: t.db }, actor, { range: "2001:db8::/48/3" })).toMatchObject({ ok: false });
    expect(await t.db.commenterBlock.count()).toBe(0);
    expect(await t.db.auditEntry.count()).toBe(0);
    const r = await blockNetworkRange({ db: t.db }, actor, { range: "2001:db8:aa::/48", reason: "bot farm" });
    expect(r).toMatchObject({ ok: true, network: "2001:db8:aa::/48" });
    expect(await t.db.commenterBlock.findFirstOrThrow()).toMatchObject({
      network: "2001:db8:aa::/48",
      reason: "bot farm",
      editorId: "ed-1",
    });
    expect(await unblockNetworkRange({ db: t.db }, actor, r.ok ? r.id : "")).toBe("2001:db8:aa::/48");
    const entries = (await listAudit(t.db, { limit: 10 })).rows.map((e) => [e.action, e.editorName]);
    expect(entries).toEqual([
      ["commenter.unblock-range", "Ana Ruiz"],
      ["commenter.block-range", "Ana Ruiz"],
    ]);
  });

  it("pages the audit log by keyset, newest first", async () => {
    for (let i = 0; i < 5; i++)
      await t.db.auditEntry.create({
        data: { at: new Date(Date.UTC(2026, 0, 1, 0, i)), editorName: "x", action: `a${i}`, objectType: "t" },
      });
    const first = await listAudit(t.db, { limit: 3 });
    expect(first.rows.map((r) => r.action)).toEqual(["a4", "a3", "a2"]);
    const second = await listAudit(t.db, { limit: 3, cursor: first.next });
    expect(second.rows.map((r) => r.action)).toEqual(["a1", "a0"]);
  });
});
