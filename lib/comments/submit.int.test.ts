import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkCaptchaToken, tokenHash } from "../captcha";
import { databaseLedger } from "../security/used-tokens";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { startSiteverifyStandIn, type StandIn } from "../testing/siteverify-stand-in";
import { blockRange, listRangeBlocks, unblockRange } from "./editor";
import { browserHashOf, emailHashOf } from "./identity";
import { submitComment, type SubmitDeps } from "./submit";

const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`submitting comments on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let standIn: StandIn;
  let published: string[];
  let seq = 0;
  beforeAll(async () => {
    standIn = await startSiteverifyStandIn();
  });
  afterAll(async () => standIn?.close());
  beforeEach(async () => {
    published = [];
    await t.db.comment.deleteMany();
    await t.db.commenterBrowser.deleteMany();
    await t.db.rateLimiterFlexible.deleteMany();
    await t.db.usedToken.deleteMany();
    await t.db.commenterBlock.deleteMany();
  });

  const deps = (over: Partial<SubmitDeps> = {}): SubmitDeps => {
    ++seq;
    return {
      db: t.db,
      policy: { maxLinks: 2, blockedWords: ["casino"], minSecondsToSubmit: 3, duplicateWindowHours: 24 },
      names: { siteName: "Back in Motion", staffNames: ["Dana Whitcombe", "Marcus Hale"] },
      articleExists: (slug) => slug === "posture-myths" || slug === "tech-neck",
      checkCaptcha: (token, ip) =>
        checkCaptchaToken(
          { provider: "recaptcha-v2", secretKey: "k", verifyUrl: standIn.url, minScore: 0.5, timeoutMs: 500 },
          { token, action: "comment", remoteIp: ip },
        ),
      limits: {
        perIp: { name: `ip${seq}`, points: 5, durationSeconds: 600 },
        perEmail: { name: `email${seq}`, points: 3, durationSeconds: 600 },
      },
      onPublished: async (c) => void published.push(c.articleSlug),
      ...over,
    };
  };
  let token = 0;
  const input = (over: Record<string, unknown> = {}) => ({
    articleSlug: "posture-myths",
    name: "Ann",
    email: "Ann@Example.com",
    body: `Helpful, thanks (${++token}).`,
    captchaToken: `pass:n=${token}`,
    ...over,
  });
  const approveAll = () => t.db.comment.updateMany({ data: { status: "approved" } });
  const trustBrowser = (email: string, browserId: string) =>
    t.db.commenterBrowser.create({
      data: { emailHash: emailHashOf(email), browserHash: browserHashOf(browserId), how: "approved-comment" },
    });

  it("sends comments from a blocked IP range (IPv4 or IPv6) to spam, and nothing beside it", async () => {
    expect(await blockRange(t.db, { range: "203.0.113.77/24", reason: "spam wave" })).toMatchObject({
      ok: true,
      network: "203.0.113.0/24",
    });
    expect(await blockRange(t.db, { range: "2001:db8:1234::/48" })).toMatchObject({ ok: true });
    expect(await blockRange(t.db, { range: "203.0.113.0/24" })).toMatchObject({ ok: false, message: "203.0.113.0/24 is already blocked" });
    expect(await blockRange(t.db, { range: "0.0.0.0/0" })).toMatchObject({ ok: false, message: expect.stringMatching(/too wide/) });
    expect(await blockRange(t.db, { range: "2001:db8::/31" })).toMatchObject({ ok: false, message: expect.stringMatching(/too wide/) });
    expect(await blockRange(t.db, { range: "not a range" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/203\.0\.113\.0\/24/),
    });
    expect(await t.db.commenterBlock.count()).toBe(2);

    const statusFrom = async (ip: string) => {
      const body = `A comment from somewhere (${++token})`;
      expect(await submitComment(deps(), input({ body, email: `x${token}@example.com` }), { browserId: `b${token}`, ip })).toMatchObject({
        kind: "accepted",
      });
      return (await t.db.comment.findFirstOrThrow({ where: { body } })).status;
    };
    expect(await statusFrom("203.0.113.5")).toBe("spam");
    expect(await statusFrom("::ffff:203.0.113.250")).toBe("spam");
    expect(await statusFrom("2001:db8:1234:9::1")).toBe("spam");
    expect(await statusFrom("203.0.114.5")).toBe("pending");
    expect(await statusFrom("2001:db8:1235::1")).toBe("pending");
    // The full address is matched, never stored.
    expect(JSON.stringify(await t.db.comment.findMany())).not.toContain("203.0.113.5");

    const blocks = await listRangeBlocks(t.db);
    expect(blocks.map((b) => b.network).sort()).toEqual(["2001:db8:1234::/48", "203.0.113.0/24"]);
    const v4 = blocks.find((b) => b.network === "203.0.113.0/24")!;
    expect(await unblockRange(t.db, v4.id)).toBe("203.0.113.0/24");
    expect(await unblockRange(t.db, v4.id)).toBeNull();
    expect(await statusFrom("203.0.113.6")).toBe("pending");
  });

  it("holds a first comment, then publishes the same commenter's next one at once from the same browser", async () => {
    const unconfirmed: string[] = [];
    const d = deps({ onUnconfirmedBrowser: async (c) => void unconfirmed.push(c.email) });
    const first = await submitComment(d, input(), { browserId: "browser-a", ip: "198.51.100.1" });
    expect(first).toMatchObject({ kind: "accepted", visible: false });
    expect(published).toEqual([]);
    // What an editor's approval records (lib/comments/editor.ts).
    await approveAll();
    await trustBrowser("ann@example.com", "browser-a");
    const second = await submitComment(d, input({ email: "ann@example.com" }), { browserId: "browser-a", ip: "198.51.100.1" });
    expect(second).toMatchObject({ kind: "accepted", visible: true });
    expect(published).toEqual(["posture-myths"]);
    expect(unconfirmed).toEqual([]);
  });

  it("holds a known email from another browser, answers exactly as for a stranger, and asks the owner by email", async () => {
    const unconfirmed: { email: string; browserHash: string }[] = [];
    const d = deps({ onUnconfirmedBrowser: async (c) => void unconfirmed.push({ email: c.email, browserHash: c.browserHash }) });
    await t.db.comment.create({
      data: { articleSlug: "tech-neck", authorName: "Ann", authorEmail: "ann@example.com", body: "old", status: "approved" },
    });
    await trustBrowser("ann@example.com", "browser-ann");
    // Someone who only knows Ann's address, posting as "Ann" from their own browser.
    const forged = await submitComment(d, input({ body: "Buy my pills" }), { browserId: "browser-mallory", ip: "203.0.113.66" });
    const stranger = await submitComment(d, input({ email: "new@example.com" }), { browserId: "browser-mallory", ip: "203.0.113.66" });
    expect(forged).toMatchObject({ kind: "accepted", visible: false });
    expect(Object.keys(forged).sort()).toEqual(Object.keys(stranger).sort());
    expect(published).toEqual([]);
    const row = await t.db.comment.findFirstOrThrow({ where: { body: "Buy my pills" } });
    expect(row).toMatchObject({ status: "pending", moderationNote: "returning commenter on a browser not yet confirmed" });
    // Only the address's owner hears of it; the stranger's first comment asks nobody.
    expect(unconfirmed).toEqual([{ email: "ann@example.com", browserHash: browserHashOf("browser-mallory") }]);
  });

  it("refuses names that pass for the publication's staff, or carry addresses", async () => {
    const d = deps();
    for (const name of [
      "Dana Whitcombe (editor)",
      "E d i t o r",
      "Back in Motion",
      "Dana Whitcombe",
      "Visit www.pills.example",
      "ann@example.com",
    ])
      expect(await submitComment(d, input({ name }), { browserId: "browser-a", ip: "198.51.100.30" }), name).toMatchObject({
        kind: "invalid",
        errors: { name: expect.any(String) },
      });
    expect(await submitComment(d, input({ name: "Staffan Berg" }), { browserId: "browser-a", ip: "198.51.100.30" })).toMatchObject({
      kind: "accepted",
    });
    expect(await t.db.comment.count()).toBe(1);
  });

  it("counts an IPv6 network's /64 as one address for the per-IP limit", async () => {
    const d = deps();
    for (let i = 0; i < 5; i++)
      expect(
        (await submitComment(d, input({ email: `v6-${i}@example.com` }), { browserId: "browser-a", ip: `2001:db8:7:7::${i + 1}` })).kind,
      ).toBe("accepted");
    expect(
      await submitComment(d, input({ email: "v6-x@example.com" }), { browserId: "browser-a", ip: "2001:db8:7:7:ffff::9" }),
    ).toMatchObject({
      kind: "rate-limited",
    });
    expect((await submitComment(d, input({ email: "v6-y@example.com" }), { browserId: "browser-a", ip: "2001:db8:7:8::1" })).kind).toBe(
      "accepted",
    );
  });

  it("two identical posts at once (a double click) store one comment", async () => {
    const d = deps();
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        submitComment(d, input({ body: "Clicked twice.", captchaToken: `pass:n=double${i}` }), {
          browserId: "browser-a",
          ip: "198.51.100.40",
        }),
      ),
    );
    expect(results.map((r) => r.kind).sort()).toEqual(["accepted", "duplicate", "duplicate"]);
    expect(await t.db.comment.count({ where: { body: "Clicked twice." } })).toBe(1);
  });

  it("stores the email lower-cased and never needs it back", async () => {
    await submitComment(deps(), input(), { browserId: "browser-a", ip: "198.51.100.2" });
    expect((await t.db.comment.findFirst())?.authorEmail).toBe("ann@example.com");
  });

  it("stores a comment the ORM reads back whole (the intake writes it with SQL)", async () => {
    const now = new Date("2026-11-25T10:00:00.000Z");
    const r = await submitComment(deps({ now: () => now }), input({ website: "example.org", notify: true, body: "Stored whole." }), {
      browserId: "browser-a",
      ip: "198.51.100.12",
    });
    expect(r).toMatchObject({ kind: "accepted", visible: false });
    const row = await t.db.comment.findUniqueOrThrow({ where: { id: r.kind === "accepted" ? r.id : "" } });
    expect(row).toMatchObject({
      articleSlug: "posture-myths",
      parentId: null,
      authorName: "Ann",
      authorEmail: "ann@example.com",
      authorUrl: "https://example.org",
      body: "Stored whole.",
      status: "pending",
      notifyReplies: true,
      approvedAt: null,
    });
    expect([row.createdAt.toISOString(), row.updatedAt.toISOString()]).toEqual([now.toISOString(), now.toISOString()]);
    // Prisma's own date filters see it, as the editor's queue does.
    expect(await t.db.comment.count({ where: { createdAt: { gte: now, lte: now } } })).toBe(1);
  });

  it("counts a duplicate only within the window", async () => {
    const day1 = new Date("2026-11-20T10:00:00.000Z");
    await submitComment(deps({ now: () => day1 }), input({ body: "Said twice." }), { browserId: "browser-a", ip: "198.51.100.13" });
    const sameDay = new Date(day1.getTime() + 3_600_000);
    expect(
      await submitComment(deps({ now: () => sameDay }), input({ body: "Said twice." }), { browserId: "browser-a", ip: "198.51.100.13" }),
    ).toMatchObject({
      kind: "duplicate",
    });
    const nextWeek = new Date(day1.getTime() + 7 * 86_400_000);
    expect(
      await submitComment(deps({ now: () => nextWeek }), input({ body: "Said twice." }), { browserId: "browser-a", ip: "198.51.100.13" }),
    ).toMatchObject({
      kind: "accepted",
    });
  });

  it("refuses bad input, an unknown article and a failed captcha, storing nothing", async () => {
    const d = deps();
    expect(await submitComment(d, { ...input(), email: "nope" }, { browserId: "browser-a", ip: "198.51.100.3" })).toMatchObject({
      kind: "invalid",
      errors: { email: expect.any(String) },
    });
    expect(await submitComment(d, input({ articleSlug: "no-such-article" }), { browserId: "browser-a", ip: "198.51.100.3" })).toMatchObject(
      {
        kind: "invalid",
        errors: { articleSlug: expect.any(String) },
      },
    );
    expect(await submitComment(d, input({ captchaToken: "fail" }), { browserId: "browser-a", ip: "198.51.100.3" })).toMatchObject({
      kind: "captcha",
      reason: "invalid",
    });
    expect(await submitComment(d, input({ captchaToken: "expired" }), { browserId: "browser-a", ip: "198.51.100.3" })).toMatchObject({
      kind: "captcha",
      reason: "expired",
    });
    expect(await submitComment(d, input({ captchaToken: undefined }), { browserId: "browser-a", ip: "198.51.100.3" })).toMatchObject({
      kind: "captcha",
      reason: "missing",
    });
    expect(await t.db.comment.count()).toBe(0);
  });

  it("fails closed when the captcha provider is down, storing nothing", async () => {
    const d = deps({
      checkCaptcha: (tok, ip) =>
        checkCaptchaToken(
          { provider: "turnstile", secretKey: "k", verifyUrl: "http://127.0.0.1:1/x", minScore: 0.5 },
          { token: tok, action: "comment", remoteIp: ip },
        ),
    });
    expect(await submitComment(d, input(), { browserId: "browser-a", ip: "198.51.100.4" })).toMatchObject({
      kind: "captcha",
      reason: "unavailable",
      message: expect.stringContaining("try again"),
    });
    expect(await t.db.comment.count()).toBe(0);
  });

  it("rate-limits per IP and per email, with a wait time", async () => {
    const d = deps();
    for (let i = 0; i < 3; i++)
      expect((await submitComment(d, input(), { browserId: "browser-a", ip: "198.51.100.5" })).kind).toBe("accepted");
    expect(await submitComment(d, input(), { browserId: "browser-a", ip: "198.51.100.6" })).toMatchObject({
      kind: "rate-limited",
      retryAfterSeconds: expect.any(Number),
    });
    for (let i = 0; i < 2; i++)
      await submitComment(d, input({ email: `other${i}@example.com` }), { browserId: "browser-a", ip: "198.51.100.5" });
    expect(await submitComment(d, input({ email: "fresh@example.com" }), { browserId: "browser-a", ip: "198.51.100.5" })).toMatchObject({
      kind: "rate-limited",
    });
    expect(await t.db.comment.count()).toBe(5);
  });

  it("counts every one of many concurrent posts: exactly the allowed number get in", async () => {
    const d = deps();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submitComment(d, input({ body: `Burst ${i}` }), { browserId: "browser-a", ip: `198.51.100.${100 + i}` }),
      ),
    );
    expect(results.filter((r) => r.kind === "accepted")).toHaveLength(3);
    expect(results.filter((r) => r.kind === "rate-limited")).toHaveLength(17);
    expect(await t.db.comment.count()).toBe(3);
  });

  it("refuses a captcha token used before, storing nothing more", async () => {
    const d = deps();
    expect(await submitComment(d, input({ captchaToken: "pass:n=twice" }), { browserId: "browser-a", ip: "198.51.100.14" })).toMatchObject({
      kind: "accepted",
    });
    expect(
      await submitComment(d, input({ captchaToken: "pass:n=twice", email: "other@example.com" }), {
        browserId: "browser-a",
        ip: "198.51.100.15",
      }),
    ).toMatchObject({
      kind: "captcha",
      reason: "reused",
      message: expect.stringContaining("check the box again"),
    });
    expect(await t.db.comment.count()).toBe(1);
  });

  it("a token spent on the newsletter form cannot be spent again on a comment", async () => {
    expect(await databaseLedger(t.db, "captcha").claim(tokenHash("pass:n=signup"))).toBe(true);
    expect(
      await submitComment(deps(), input({ captchaToken: "pass:n=signup" }), { browserId: "browser-a", ip: "198.51.100.16" }),
    ).toMatchObject({
      kind: "captcha",
      reason: "reused",
    });
    expect(await t.db.comment.count()).toBe(0);
  });

  it("a refused post still spends its token and counts against the limit", async () => {
    const d = deps();
    await submitComment(d, input({ body: "Once." }), { browserId: "browser-a", ip: "198.51.100.17" });
    expect(
      await submitComment(d, input({ body: "Once.", captchaToken: "pass:n=dup" }), { browserId: "browser-a", ip: "198.51.100.17" }),
    ).toMatchObject({
      kind: "duplicate",
    });
    expect(
      await submitComment(d, input({ body: "Other words.", captchaToken: "pass:n=dup" }), { browserId: "browser-a", ip: "198.51.100.17" }),
    ).toMatchObject({
      kind: "captcha",
      reason: "reused",
    });
    // Per email 3 per window: the stored comment and the refused duplicate used two.
    expect(await submitComment(d, input({ body: "Third." }), { browserId: "browser-a", ip: "198.51.100.17" })).toMatchObject({
      kind: "accepted",
    });
    expect(await submitComment(d, input({ body: "Fourth." }), { browserId: "browser-a", ip: "198.51.100.17" })).toMatchObject({
      kind: "rate-limited",
    });
    expect(await t.db.comment.count()).toBe(2);
  });

  it("detects a duplicate comment", async () => {
    const d = deps();
    await submitComment(d, input({ body: "Same words." }), { browserId: "browser-a", ip: "198.51.100.7" });
    expect(await submitComment(d, input({ body: "Same words." }), { browserId: "browser-a", ip: "198.51.100.7" })).toMatchObject({
      kind: "duplicate",
    });
  });

  it("accepts replies only to approved comments on the same article", async () => {
    const d = deps();
    const parent = await t.db.comment.create({
      data: { articleSlug: "posture-myths", authorName: "P", authorEmail: "p@example.com", body: "Parent", status: "approved" },
    });
    const held = await t.db.comment.create({
      data: { articleSlug: "posture-myths", authorName: "H", authorEmail: "h@example.com", body: "Held" },
    });
    const other = await t.db.comment.create({
      data: { articleSlug: "tech-neck", authorName: "O", authorEmail: "o@example.com", body: "Other", status: "approved" },
    });
    expect(await submitComment(d, input({ parentId: parent.id }), { browserId: "browser-a", ip: "198.51.100.8" })).toMatchObject({
      kind: "accepted",
    });
    for (const [i, id] of [held.id, other.id, "nonexistent"].entries())
      expect(
        await submitComment(d, input({ parentId: id, email: `r${i}@example.com` }), { browserId: "browser-a", ip: `198.51.100.2${i}` }),
      ).toMatchObject({
        kind: "invalid",
        errors: { parentId: expect.any(String) },
      });
  });

  it("stores spam as spam but answers like a held comment", async () => {
    await t.db.comment.create({
      data: { articleSlug: "tech-neck", authorName: "A", authorEmail: "ann@example.com", body: "old", status: "approved" },
    });
    const r = await submitComment(deps(), input({ body: "Win at the casino" }), { browserId: "browser-a", ip: "198.51.100.10" });
    expect(r).toMatchObject({ kind: "accepted", visible: false });
    expect((await t.db.comment.findFirst({ where: { body: "Win at the casino" } }))?.status).toBe("spam");
    const bot = await submitComment(deps(), input({ company: "Acme SEO" }), { browserId: "browser-a", ip: "198.51.100.11" });
    expect(bot).toMatchObject({ kind: "accepted", visible: false });
    expect(published).toEqual([]);
  });
});
