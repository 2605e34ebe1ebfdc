import { describe, expect, it } from "vitest";
import { checkAddress, emailHash, maskEmail, normaliseEmail } from "./address";

const open = { rejectDisposable: false, rejectRole: false };

describe("email normalisation", () => {
  it("trims and lower-cases the domain only", () => {
    expect(normaliseEmail("  Ann.Lee@Example.COM \n")).toBe("Ann.Lee@example.com");
  });
  it("gives one identity whatever the case", () => {
    expect(emailHash("ANN@example.com")).toBe(emailHash(" ann@EXAMPLE.com"));
    expect(emailHash("ann@example.com")).not.toBe(emailHash("anne@example.com"));
    expect(emailHash("ann@example.com")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("address checks", () => {
  it("accepts an ordinary address and returns it normalised", () => {
    expect(checkAddress(" Ann@Example.com", open)).toEqual({ ok: true, email: "Ann@example.com" });
  });
  it.each(["", "ann", "ann@", "@example.com", "ann@@example.com", "ann example@x.com", `${"a".repeat(250)}@example.com`])(
    "refuses %j",
    (raw) => {
      expect(checkAddress(raw, open).ok).toBe(false);
    },
  );
  it("refuses disposable addresses when the policy says so", () => {
    expect(checkAddress("someone@mailinator.com", open).ok).toBe(true);
    expect(checkAddress("someone@mailinator.com", { ...open, rejectDisposable: true })).toMatchObject({
      ok: false,
      message: expect.stringContaining("disposable"),
    });
  });
  it("refuses role addresses when the policy says so", () => {
    expect(checkAddress("info@example.com", open).ok).toBe(true);
    expect(checkAddress("Info+news@example.com", { ...open, rejectRole: true })).toMatchObject({
      ok: false,
      message: expect.stringContaining("personal"),
    });
    expect(checkAddress("ann@example.com", { ...open, rejectRole: true }).ok).toBe(true);
  });
  it("masks an address for the preferences page", () => {
    expect(maskEmail("ann@example.com")).toBe("a••@example.com");
    expect(maskEmail("ann@example.com")).not.toContain("ann");
  });
});
