import { describe, expect, it } from "vitest";
import { commentInput, fieldErrors } from "./input";

const valid = { articleSlug: "posture-myths", name: "Ann", email: "ann@example.com", body: "Helpful, thanks." };
const errors = (over: Record<string, unknown>) => {
  const r = commentInput.safeParse({ ...valid, ...over });
  return r.success ? {} : fieldErrors(r.error);
};

describe("comment input", () => {
  it("accepts a minimal comment and normalises it", () => {
    expect(commentInput.parse({ ...valid, name: "  Ann ", website: "ann.example", notify: "on", parentId: "" })).toMatchObject({
      name: "Ann",
      website: "https://ann.example",
      notify: true,
      parentId: undefined,
    });
  });

  it("names each missing required field", () => {
    expect(errors({ name: "", email: "", body: "   " })).toEqual({
      name: "Name is required",
      email: "Email is required",
      body: "Comment is required",
    });
  });

  it("rejects a malformed email and website", () => {
    expect(errors({ email: "not-an-email" }).email).toMatch(/valid address/);
    expect(errors({ website: "javascript:alert(1)" }).website).toMatch(/web address/);
  });

  it("enforces maximum lengths", () => {
    expect(errors({ body: "x".repeat(5_001) }).body).toBe("Comment must be at most 5,000 characters");
    expect(errors({ name: "x".repeat(81) }).name).toMatch(/at most 80/);
  });

  it("rejects a slug or reply id that could not be ours", () => {
    expect(errors({ articleSlug: "../etc/passwd" }).articleSlug).toBeTruthy();
    expect(errors({ parentId: "x'; DROP" }).parentId).toBeTruthy();
  });

  it("rejects wrong types and says which field is missing", () => {
    expect(errors({ name: 42 }).name).toBe("Name is required");
    const r = commentInput.safeParse({ articleSlug: "x" });
    expect(r.success ? {} : fieldErrors(r.error)).toMatchObject({
      name: "Name is required",
      email: "Email is required",
      body: "Comment is required",
    });
  });
});
