import { describe, expect, it } from "vitest";
import { signupInput } from "./input";
import { campaignTopics, consentTopicsOf, consentTopicsText, describeChoice, readerChoice } from "./topics";

const KNOWN = [
  { slug: "back-pain", title: "Back Pain" },
  { slug: "movement", title: "Movement" },
  { slug: "neck-pain", title: "Neck Pain" },
];

describe("a reader's topics (decision 0044)", () => {
  it("nothing ticked, an empty list or 'all' is everything, kept as such", () => {
    for (const raw of [undefined, "", [], ["", " "], "all", ["back-pain", "all"]])
      expect(readerChoice(raw, KNOWN)).toEqual({ ok: true, choice: { all: true } });
  });
  it("ticked topics are kept once each in the site's order, whether one box (a string) or several (an array)", () => {
    expect(readerChoice("neck-pain", KNOWN)).toEqual({ ok: true, choice: { all: false, topics: ["neck-pain"] } });
    expect(readerChoice(["neck-pain", "back-pain", "neck-pain"], KNOWN)).toEqual({
      ok: true,
      choice: { all: false, topics: ["back-pain", "neck-pain"] },
    });
  });
  it("every current topic ticked is a list, not 'everything': a category added later is not assumed", () => {
    expect(readerChoice(["back-pain", "movement", "neck-pain"], KNOWN)).toEqual({
      ok: true,
      choice: { all: false, topics: ["back-pain", "movement", "neck-pain"] },
    });
  });
  it("an unknown topic is refused with a message naming the topics there are", () => {
    const r = readerChoice(["back-pain", "<script>"], KNOWN);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("back-pain, movement, neck-pain");
  });
  it("the signup form's schema takes one or many topics and refuses other shapes on the field", () => {
    const base = { email: "ann@example.com" };
    expect(signupInput.safeParse({ ...base, topics: "back-pain" }).success).toBe(true);
    expect(signupInput.safeParse({ ...base, topics: ["back-pain", "movement"] }).success).toBe(true);
    const bad = signupInput.safeParse({ ...base, topics: { a: 1 } });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.issues[0].path[0]).toBe("topics");
    expect(signupInput.safeParse({ ...base, topics: Array(51).fill("movement") }).success).toBe(false);
  });
  it("says in words what was chosen", () => {
    expect(describeChoice({ all: true }, KNOWN)).toBe("everything we publish, including topics we add later");
    expect(describeChoice({ all: false, topics: ["neck-pain"] }, KNOWN)).toBe("Neck Pain");
    expect(describeChoice({ all: false, topics: ["back-pain", "movement", "neck-pain"] }, KNOWN)).toBe("Back Pain, Movement and Neck Pain");
  });
  it("the consent record's copy reads back as it was written; unreadable text is everything", () => {
    for (const c of [{ all: true as const }, { all: false as const, topics: ["movement"] }])
      expect(consentTopicsOf(consentTopicsText(c))).toEqual(c);
    expect(consentTopicsOf("{broken")).toEqual({ all: true });
  });
});

describe("a campaign's topics", () => {
  it("none is everyone; known topics are kept in the site's order; an unknown one is refused", () => {
    expect(campaignTopics(undefined, KNOWN)).toEqual({ ok: true, topics: [] });
    expect(campaignTopics(["neck-pain", "back-pain"], KNOWN)).toEqual({ ok: true, topics: ["back-pain", "neck-pain"] });
    expect(campaignTopics(["gardening"], KNOWN).ok).toBe(false);
  });
});
