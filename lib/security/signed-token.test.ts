import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, signToken, verifyToken } from "./signed-token";

const SECRET = "s".repeat(40);
const OLD = "o".repeat(40);

/** A token in the format used before key ids: base64url(payload) "." base64url(HMAC(payload)). */
function legacyToken(secret: string, payload: object) {
  const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${data}.${createHmac("sha256", secret).update(data).digest("base64url")}`;
}

describe("signed tokens", () => {
  it("round-trips subject and purpose, and names the signing key by id only", () => {
    const t = signToken(SECRET, "stop-replies", "c123");
    expect(verifyToken(SECRET, "stop-replies", t)).toEqual({ ok: true, subject: "c123" });
    expect(t.split(".")[0]).toBe(keyId(SECRET));
    expect(t).not.toContain(SECRET);
  });

  it("rejects tampering with payload, key id or signature", () => {
    const t = signToken(SECRET, "stop-replies", "c123");
    const [kid, , sig] = t.split(".");
    const forged = Buffer.from(JSON.stringify({ p: "stop-replies", s: "c999" })).toString("base64url");
    expect(verifyToken(SECRET, "stop-replies", `${kid}.${forged}.${sig}`)).toEqual({ ok: false, reason: "bad-signature" });
    expect(
      verifyToken(
        SECRET,
        "stop-replies",
        t.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      ),
    ).toMatchObject({ ok: false });
    expect(verifyToken(SECRET, "stop-replies", `${keyId(OLD)}${t.slice(8)}`)).toMatchObject({ ok: false });
    expect(verifyToken("another-secret-".repeat(3), "stop-replies", t)).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("refuses every other spelling of a valid token (lenient base64 decoding)", () => {
    const t = signToken(SECRET, "newsletter-manage", "sub_1");
    for (const variant of [
      `${t}=`,
      `${t}==`,
      `${t}!!`,
      `${t} `,
      ` ${t}`,
      `${t}\n`,
      t.replace(".", ".="),
      `${t}A`,
      t.replace(/-/g, "+").replace(/_/g, "/"),
    ])
      if (variant !== t) expect(verifyToken(SECRET, "newsletter-manage", variant), JSON.stringify(variant)).toMatchObject({ ok: false });
  });

  it("rejects a token made for another purpose", () => {
    expect(verifyToken(SECRET, "unsubscribe", signToken(SECRET, "stop-replies", "c1"))).toEqual({ ok: false, reason: "wrong-purpose" });
  });

  it("expires", () => {
    const t = signToken(SECRET, "confirm", "x", new Date("2026-01-02T00:00:00Z"));
    expect(verifyToken(SECRET, "confirm", t, new Date("2026-01-01T00:00:00Z")).ok).toBe(true);
    expect(verifyToken(SECRET, "confirm", t, new Date("2026-01-03T00:00:00Z"))).toEqual({ ok: false, reason: "expired" });
  });

  it("keeps links signed with the previous key working after a rotation, and only while that key is listed", () => {
    const before = signToken(OLD, "newsletter-manage", "sub_1");
    const rotated = { current: SECRET, previous: [OLD] };
    expect(verifyToken(rotated, "newsletter-manage", before)).toEqual({ ok: true, subject: "sub_1" });
    // New tokens are signed with the new key.
    expect(signToken(rotated, "newsletter-manage", "sub_1").split(".")[0]).toBe(keyId(SECRET));
    expect(verifyToken({ current: SECRET, previous: [] }, "newsletter-manage", before)).toMatchObject({
      ok: false,
      reason: "bad-signature",
    });
  });

  it("still accepts tokens from before key ids (already in inboxes), with the current or previous key", () => {
    const legacy = legacyToken(OLD, { p: "newsletter-manage", s: "sub_9" });
    expect(verifyToken({ current: SECRET, previous: [OLD] }, "newsletter-manage", legacy)).toEqual({ ok: true, subject: "sub_9" });
    expect(verifyToken(OLD, "newsletter-manage", `${legacy}=`)).toMatchObject({ ok: false, reason: "malformed" });
    expect(verifyToken(SECRET, "newsletter-manage", legacy)).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("rejects garbage", () => {
    for (const g of ["", "abc", "a.b.c.d", "!!.??", "a.b", "x".repeat(3000), `..${"A".repeat(43)}`])
      expect(verifyToken(SECRET, "x", g).ok).toBe(false);
  });
});
