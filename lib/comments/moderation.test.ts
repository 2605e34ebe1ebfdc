import { describe, expect, it } from "vitest";
import { COMMENT_STATUSES, moderate, moderationChoices, QUEUE_ACTIONS, UNCONFIRMED_BROWSER, type ModerationFacts } from "./moderation";

const policy = { maxLinks: 2, blockedWords: ["casino", "Cheap Pills"] };
const facts = (over: Partial<ModerationFacts> = {}): ModerationFacts => ({
  body: "Thanks, this helped my back.",
  authorName: "Ann",
  authorUrl: null,
  linkCount: 0,
  honeypotFilled: false,
  submittedTooFast: false,
  knownCommenter: true,
  knownEmail: true,
  ...over,
});

describe("moderation rules, one case each", () => {
  it("a known commenter on a confirmed browser with a clean comment is published at once", () => {
    expect(moderate(facts(), policy)).toEqual({ status: "approved", reason: "known commenter on a confirmed browser, no rule tripped" });
  });

  it("a first comment from an email is held", () => {
    expect(moderate(facts({ knownCommenter: false, knownEmail: false }), policy)).toEqual({
      status: "pending",
      reason: "first comment from this email",
    });
  });

  it("a known email on a browser not tied to it is held: an address proves nothing", () => {
    expect(moderate(facts({ knownCommenter: false, knownEmail: true }), policy)).toEqual({
      status: "pending",
      reason: UNCONFIRMED_BROWSER,
    });
  });

  it("too many links hold even a known commenter", () => {
    expect(moderate(facts({ linkCount: 3 }), policy)).toMatchObject({ status: "pending", reason: "3 links (more than 2)" });
  });

  it("links up to the limit are fine", () => {
    expect(moderate(facts({ linkCount: 2 }), policy).status).toBe("approved");
  });

  it("a blocked word (any case, in body, name or website) is spam", () => {
    expect(moderate(facts({ body: "Best CASINO bonus" }), policy).status).toBe("spam");
    expect(moderate(facts({ authorName: "cheap pills shop" }), policy).status).toBe("spam");
    expect(moderate(facts({ authorUrl: "https://casino.example" }), policy).status).toBe("spam");
  });

  it("a filled honeypot is spam", () => {
    expect(moderate(facts({ honeypotFilled: true }), policy)).toMatchObject({ status: "spam", reason: "honeypot field was filled" });
  });

  it("a form submitted faster than a person types is spam", () => {
    expect(moderate(facts({ submittedTooFast: true }), policy).status).toBe("spam");
  });

  it("spam signals win over everything else", () => {
    expect(moderate(facts({ honeypotFilled: true, knownCommenter: false, linkCount: 9 }), policy).status).toBe("spam");
  });
});

describe("the moderation buttons each state offers", () => {
  it("a held comment: approve, spam or delete, each with its shortcut; approving is the primary button", () => {
    expect(moderationChoices("pending")).toEqual([
      { action: "approve", label: "Approve", key: "a", primary: true },
      { action: "spam", label: "Spam", key: "s", primary: false },
      { action: "delete", label: "Delete", key: "d", primary: false },
    ]);
  });

  it("the labels say where a comment goes from each other state", () => {
    const labels = (s: (typeof COMMENT_STATUSES)[number]) => moderationChoices(s).map((c) => c.label);
    expect(labels("approved")).toEqual(["Unpublish (back to pending)", "Spam", "Delete"]);
    expect(labels("spam")).toEqual(["Not spam: approve", "Back to pending", "Delete"]);
    expect(labels("deleted")).toEqual(["Restore to pending", "Restore and approve"]);
  });

  it("every button moves the comment to another state, and restoring has no shortcut", () => {
    for (const status of COMMENT_STATUSES)
      for (const c of moderationChoices(status)) {
        expect(QUEUE_ACTIONS[c.action]).not.toBe(status);
        expect(c.key).toBe(c.action === "restore" ? undefined : c.action[0]);
      }
  });

  it("a deleted comment cannot be sent to spam", () => {
    expect(moderationChoices("deleted").map((c) => c.action)).not.toContain("spam");
  });
});
