import { describe, expect, it } from "vitest";
import { previewLink, previewPath, verifyPreview } from "./preview";
import { signToken } from "./security/signed-token";

const KEY = "k".repeat(40);
const NEXT_KEY = "n".repeat(40);
const now = new Date("2026-11-25T12:00:00Z");
const tokenOf = (url: string) => new URL(url).searchParams.get("token") ?? "";

describe("preview links (decision 0019)", () => {
  it("names one piece and opens its page until it expires", () => {
    const link = previewLink("https://news.example", KEY, { kind: "article", slug: "future-piece" }, { hours: 48, now });
    expect(link.url).toMatch(/^https:\/\/news\.example\/api\/preview\?token=/);
    expect(link.path).toBe("/articles/future-piece");
    expect(link.expiresAt.toISOString()).toBe("2026-11-27T12:00:00.000Z");
    const check = verifyPreview(KEY, tokenOf(link.url), new Date("2026-11-27T11:59:00Z"));
    expect(check).toEqual({ ok: true, subject: { kind: "article", slug: "future-piece" }, expiresAt: link.expiresAt });
    expect(verifyPreview(KEY, tokenOf(link.url), new Date("2026-11-27T12:00:01Z"))).toMatchObject({ ok: false, reason: "expired" });
  });

  it("stops working when SECRET_KEY changes, even with the old key kept as previous", () => {
    const token = tokenOf(previewLink("https://news.example", KEY, { kind: "newsletter", slug: "2026-12-issue" }, { now }).url);
    expect(verifyPreview(NEXT_KEY, token, now)).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("refuses forged, altered and other-purpose tokens", () => {
    const token = tokenOf(previewLink("https://news.example", KEY, { kind: "article", slug: "future-piece" }, { now }).url);
    const [kid, payload, sig] = token.split(".");
    const other = Buffer.from(JSON.stringify({ p: "preview", s: "article:another-piece", e: 4102444800 })).toString("base64url");
    expect(verifyPreview(KEY, `${kid}.${other}.${sig}`, now).ok).toBe(false);
    expect(verifyPreview(KEY, `${kid}.${payload}.${sig.slice(0, -2)}AA`, now).ok).toBe(false);
    expect(verifyPreview(KEY, signToken(KEY, "unsubscribe", "article:future-piece", new Date("2027-01-01")), now).ok).toBe(false);
    // Without an expiry a token would last forever: refused.
    expect(verifyPreview(KEY, signToken(KEY, "preview", "article:future-piece"), now)).toMatchObject({ ok: false, reason: "malformed" });
    expect(verifyPreview(KEY, signToken(KEY, "preview", "article:../admin", new Date("2027-01-01")), now).ok).toBe(false);
    expect(verifyPreview(KEY, "", now).ok).toBe(false);
  });

  it("lasts at most a week", () => {
    expect(() => previewLink("https://news.example", KEY, { kind: "article", slug: "a" }, { hours: 169, now })).toThrow(RangeError);
    expect(() => previewLink("https://news.example", KEY, { kind: "article", slug: "a" }, { hours: 0, now })).toThrow(RangeError);
  });

  it("shows an issue at its web view", () => {
    expect(previewPath({ kind: "newsletter", slug: "2026-12-issue" })).toBe("/newsletter/archive/2026-12-issue");
  });
});
