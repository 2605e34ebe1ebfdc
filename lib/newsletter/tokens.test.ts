import { describe, expect, it } from "vitest";
import { confirmToken, manageToken, newsletterLinks, readConfirmToken, readManageToken } from "./tokens";

const SECRET = "s".repeat(40);
const inAnHour = () => new Date(Date.now() + 3_600_000);

describe("confirmation tokens", () => {
  it("carry the subscriber and the signup's nonce", () => {
    expect(readConfirmToken(SECRET, confirmToken(SECRET, "sub1", "n0nce", inAnHour()))).toEqual({
      ok: true,
      subscriberId: "sub1",
      nonce: "n0nce",
    });
  });
  it("expire", () => {
    const t = confirmToken(SECRET, "sub1", "n0nce", new Date(Date.now() + 1000));
    expect(readConfirmToken(SECRET, t, new Date(Date.now() + 5000))).toEqual({ ok: false, reason: "expired" });
  });
  it("are refused when tampered with, signed with another key or made for another purpose", () => {
    const t = confirmToken(SECRET, "sub1", "n0nce", inAnHour());
    const [data, sig] = t.split(".");
    const forged = Buffer.from(JSON.stringify({ p: "newsletter-confirm", s: "sub2.n0nce" })).toString("base64url");
    expect(readConfirmToken(SECRET, `${forged}.${sig}`)).toEqual({ ok: false, reason: "invalid" });
    expect(readConfirmToken(SECRET, `${data}.${sig.slice(0, -2)}xx`)).toEqual({ ok: false, reason: "invalid" });
    expect(readConfirmToken("o".repeat(40), t)).toEqual({ ok: false, reason: "invalid" });
    expect(readConfirmToken(SECRET, manageToken(SECRET, "sub1"))).toEqual({ ok: false, reason: "invalid" });
    expect(readConfirmToken(SECRET, "garbage")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("manage (unsubscribe and preferences) tokens", () => {
  it("name one subscriber and never expire", () => {
    expect(readManageToken(SECRET, manageToken(SECRET, "sub1"))).toBe("sub1");
  });
  it("are refused when tampered with", () => {
    const t = manageToken(SECRET, "sub1");
    expect(
      readManageToken(
        SECRET,
        t.replace(/^./, (c) => (c === "e" ? "f" : "e")),
      ),
    ).toBeUndefined();
    expect(readManageToken(SECRET, confirmToken(SECRET, "sub1", "n", inAnHour()))).toBeUndefined();
  });
  it("build absolute links for emails", () => {
    const links = newsletterLinks("https://backinmotion.example", SECRET);
    expect(links.unsubscribe("sub1")).toMatch(/^https:\/\/backinmotion\.example\/newsletter\/unsubscribe\?token=/);
    expect(links.oneClick("sub1")).toMatch(/^https:\/\/backinmotion\.example\/api\/newsletter\/unsubscribe\?token=/);
    const token = decodeURIComponent(new URL(links.preferences("sub1")).searchParams.get("token")!);
    expect(readManageToken(SECRET, token)).toBe("sub1");
  });
});
