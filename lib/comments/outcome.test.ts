import { describe, expect, it } from "vitest";
import { outcomeMessage, outcomeOf } from "./outcome";

describe("no-JavaScript outcome codes", () => {
  it("maps each result to a code, invalid ones with known field names only", () => {
    expect(outcomeOf({ kind: "accepted", id: "1", visible: false })).toEqual({ code: "held" });
    expect(outcomeOf({ kind: "accepted", id: "1", visible: true })).toEqual({ code: "published" });
    expect(outcomeOf({ kind: "invalid", errors: { email: "x", evil: "y" } })).toEqual({ code: "invalid", fields: ["email"] });
    expect(outcomeOf({ kind: "rate-limited", retryAfterSeconds: 5, message: "m" })).toEqual({ code: "rate-limited" });
  });

  it("never shows text from the URL: unknown codes and fields get a fixed message", () => {
    expect(outcomeMessage("<script>", ["<b>"])).toBe("Your comment could not be posted.");
    expect(outcomeMessage("invalid", ["Buy pills now", "email"])).toBe("Please check these fields: Email.");
    expect(outcomeMessage("captcha")).toMatch(/needs JavaScript/);
  });
});
