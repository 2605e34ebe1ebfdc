import { describe, expect, it } from "vitest";
import { signupOutcomeMessage, signupOutcomeQuery } from "./outcome";

describe("the no-JavaScript signup result", () => {
  it("carries only a code and known field names", () => {
    expect(signupOutcomeQuery({ kind: "invalid", errors: { email: "x", evil: "<b>" } }).toString()).toBe("result=invalid&fields=email");
    expect(signupOutcomeQuery({ kind: "accepted", message: "free text" }).toString()).toBe("result=accepted");
  });
  it("shows fixed words for every code and ignores unknown fields", () => {
    expect(signupOutcomeMessage("invalid", ["email", "firstName", "Call 555"])).toBe("Please check these fields: Email, First name.");
    expect(signupOutcomeMessage("captcha")).toMatch(/verification did not pass/);
    expect(signupOutcomeMessage("rate-limited")).toMatch(/Too many signups/);
    expect(signupOutcomeMessage("mail-failed")).toMatch(/could not send/);
    expect(signupOutcomeMessage("<script>")).toBe("Your signup did not go through. Please try again.");
  });
});
