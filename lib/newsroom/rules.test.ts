import { describe, expect, it } from "vitest";
import { moderate } from "../comments/moderation";
import { maskEmail } from "./editors";
import { badgeLabel, hasRole } from "./roles";
import { sessionAlive } from "./sessions";
import { cookie, cookieValue, hashSecret, isWellFormedSecret, newSecret, userAgentSummary } from "./tokens";

describe("roles", () => {
  it("each role includes the ones below it, and nothing above", () => {
    expect(hasRole("moderator", "moderator")).toBe(true);
    expect(hasRole("moderator", "editor")).toBe(false);
    expect(hasRole("moderator", "admin")).toBe(false);
    expect(hasRole("editor", "moderator")).toBe(true);
    expect(hasRole("editor", "admin")).toBe(false);
    expect(hasRole("admin", "editor")).toBe(true);
  });
  it("an unknown role has no rights at all", () => {
    expect(hasRole("owner", "moderator")).toBe(false);
    expect(hasRole("", "moderator")).toBe(false);
  });
  it("names the badge shown on replies", () => {
    expect(badgeLabel("medical-reviewer")).toBe("Medical reviewer");
    expect(badgeLabel("anything else")).toBe("Editor");
  });
});

describe("tokens and cookies", () => {
  it("makes 32-byte secrets and stores only a hash that does not contain them", () => {
    const a = newSecret();
    expect(isWellFormedSecret(a)).toBe(true);
    expect(newSecret()).not.toBe(a);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(a)).not.toContain(a);
  });
  it("refuses anything that is not a secret's exact shape", () => {
    for (const bad of [undefined, "", "short", `${newSecret()}=`, `${newSecret()} `, 42]) expect(isWellFormedSecret(bad)).toBe(false);
  });
  it("sets HttpOnly, SameSite=Lax cookies, Secure when asked", () => {
    expect(cookie("newsroom_session", "v", { maxAgeSeconds: 60, secure: true })).toBe(
      "newsroom_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure",
    );
    expect(cookie("n", "v", { maxAgeSeconds: 1, secure: false })).not.toContain("Secure");
    expect(cookieValue("a=1; newsroom_session=abc; b=2", "newsroom_session")).toBe("abc");
    expect(cookieValue(null, "newsroom_session")).toBeUndefined();
  });
  it("summarises a user agent without keeping it", () => {
    expect(userAgentSummary("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36")).toBe(
      "Chrome on Linux",
    );
    expect(userAgentSummary("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1")).toBe(
      "Safari on iOS",
    );
    expect(userAgentSummary(null)).toBeNull();
  });
});

describe("session lifetime", () => {
  const policy = { idleMs: 60 * 60_000, absoluteMs: 14 * 86_400_000 };
  const t0 = new Date("2026-11-01T09:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);
  it("lives while used within the idle timeout", () => {
    expect(sessionAlive({ lastSeenAt: t0, expiresAt: at(policy.absoluteMs) }, policy, at(59 * 60_000))).toBe(true);
  });
  it("ends after the idle timeout without a request", () => {
    expect(sessionAlive({ lastSeenAt: t0, expiresAt: at(policy.absoluteMs) }, policy, at(60 * 60_000))).toBe(false);
  });
  it("ends at its absolute lifetime however active it is", () => {
    const end = at(policy.absoluteMs);
    expect(sessionAlive({ lastSeenAt: at(policy.absoluteMs - 1000), expiresAt: end }, policy, end)).toBe(false);
  });
});

describe("the newsroom's other rules", () => {
  it("masks editors' addresses on pages", () => {
    expect(maskEmail("ana.ruiz@example.org")).toBe("a•••@example.org");
    expect(maskEmail("broken")).toBe("•••");
  });
  it("sends a blocked writer's comment to spam before any other rule", () => {
    const facts = {
      body: "Hi",
      authorName: "Ann",
      linkCount: 0,
      honeypotFilled: false,
      submittedTooFast: false,
      knownCommenter: true,
      knownEmail: true,
    };
    expect(moderate({ ...facts, blocked: true }, { maxLinks: 2, blockedWords: [] })).toEqual({
      status: "spam",
      reason: "commenter blocked by an editor",
    });
    expect(moderate(facts, { maxLinks: 2, blockedWords: [] }).status).toBe("approved");
  });
});
