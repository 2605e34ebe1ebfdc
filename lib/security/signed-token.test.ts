import { describe, expect, it } from "vitest";
import { signToken, verifyToken } from "./signed-token";

const SECRET = "s".repeat(40);

describe("signed tokens", () => {
  it("round-trips subject and purpose", () => {
    expect(verifyToken(SECRET, "stop-replies", signToken(SECRET, "stop-replies", "c123"))).toEqual({ ok: true, subject: "c123" });
  });

  it("rejects tampering with payload or signature", () => {
    const t = signToken(SECRET, "stop-replies", "c123");
    const [data, sig] = t.split(".");
    const forged = Buffer.from(JSON.stringify({ p: "stop-replies", s: "c999" })).toString("base64url");
    expect(verifyToken(SECRET, "stop-replies", `${forged}.${sig}`)).toEqual({ ok: false, reason: "bad-signature" });
    expect(verifyToken(SECRET, "stop-replies", `${data}.${sig.slice(0, -2)}xx`)).toMatchObject({ ok: false });
    expect(verifyToken("another-secret-".repeat(3), "stop-replies", t)).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("rejects a token made for another purpose", () => {
    expect(verifyToken(SECRET, "unsubscribe", signToken(SECRET, "stop-replies", "c1"))).toEqual({ ok: false, reason: "wrong-purpose" });
  });

  it("expires", () => {
    const t = signToken(SECRET, "confirm", "x", new Date("2026-01-02T00:00:00Z"));
    expect(verifyToken(SECRET, "confirm", t, new Date("2026-01-01T00:00:00Z")).ok).toBe(true);
    expect(verifyToken(SECRET, "confirm", t, new Date("2026-01-03T00:00:00Z"))).toEqual({ ok: false, reason: "expired" });
  });

  it("rejects garbage", () => {
    for (const g of ["", "abc", "a.b.c", "!!.??"]) expect(verifyToken(SECRET, "x", g).ok).toBe(false);
  });
});
