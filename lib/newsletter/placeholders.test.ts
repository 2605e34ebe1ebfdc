import { describe, expect, it } from "vitest";
import { sampleIssue } from "../testing/sample-issue";
import { compileTemplate, personaliser, splitAtPlaceholders } from "./placeholders";

describe("personalisation", () => {
  const issue = sampleIssue();

  it("substitutes the name and links per recipient, escaped in HTML and plain in text", () => {
    const m = personaliser(issue)({
      firstName: "Ann <b>",
      unsubscribeUrl: "https://x.example/u?token=a&b",
      preferencesUrl: "https://x.example/p",
    });
    expect(m.html).toContain("Hi Ann &lt;b&gt;,");
    expect(m.html).toContain('href="https://x.example/u?token=a&amp;b"');
    expect(m.text).toContain("Hi Ann <b>,");
    expect(m.text).toContain("Unsubscribe <https://x.example/u?token=a&b>");
    expect(m.html + m.text).not.toContain("%%");
  });

  it("greets people without a name", () => {
    expect(compileTemplate("Hi %%FIRST_NAME%%!", (s) => s)({ firstName: "  ", unsubscribeUrl: "", preferencesUrl: "" })).toBe("Hi there!");
  });

  it("splits a template into fixed parts and holes, alternating", () => {
    expect(splitAtPlaceholders("a%%FIRST_NAME%%b%%UNSUBSCRIBE_URL%%")).toEqual({
      parts: ["a", "b", ""],
      holes: ["%%FIRST_NAME%%", "%%UNSUBSCRIBE_URL%%"],
    });
  });
});
