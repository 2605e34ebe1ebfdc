import { describe, expect, it } from "vitest";
import { compileTemplate, personaliser, renderIssue, webCopy } from "./issue";
import { readManageToken } from "./tokens";
import { issueMessages } from "./worker";

const issue = renderIssue({
  subject: "Winter walking & your back",
  preheader: "Ten minutes after lunch",
  bodyHtml: '<p style="margin:0">Walk <a href="https://backinmotion.example/articles/walking">daily</a>.</p><h2>Next</h2><ul><li>One</li></ul>',
  newsletterName: "Less Pain, More Life",
  siteName: "Back in Motion",
  publicUrl: "https://backinmotion.example",
  webUrl: "https://backinmotion.example/newsletter/archive/winter",
});

describe("rendering an issue", () => {
  it("makes a table-based HTML part with the preheader, a view-in-browser link and escaped subject", () => {
    expect(issue.html).toMatch(/^<!doctype html>/);
    expect(issue.html).toContain('role="presentation"');
    expect(issue.html).toContain("max-width:600px");
    expect(issue.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(issue.html).toContain("Ten minutes after lunch");
    expect(issue.html).toContain('href="https://backinmotion.example/newsletter/archive/winter"');
    expect(issue.html).toContain("Winter walking &amp; your back");
    // Layout and colours are inline; the only <style> is the optional dark theme.
    expect(issue.html.match(/<style>(.*?)<\/style>/s)?.[1]).toMatch(/^@media \(prefers-color-scheme: dark\)/);
    expect(issue.html.match(/<style/g)).toHaveLength(1);
  });
  it("makes a plain-text part with the links spelled out", () => {
    expect(issue.text).toContain("Winter walking & your back");
    expect(issue.text).toContain("daily [https://backinmotion.example/articles/walking]");
    expect(issue.text).toContain("View in browser: https://backinmotion.example/newsletter/archive/winter");
    expect(issue.text).not.toContain("<");
  });
});

describe("personalisation", () => {
  it("substitutes the name and links per recipient, escaped in HTML", () => {
    const fill = personaliser(issue);
    const m = fill({ firstName: "Ann <b>", unsubscribeUrl: "https://x.example/u?token=a&b", preferencesUrl: "https://x.example/p" });
    expect(m.html).toContain("Hi Ann &lt;b&gt;,");
    expect(m.html).toContain('href="https://x.example/u?token=a&amp;b"');
    expect(m.text).toContain("Hi Ann <b>,");
    expect(m.text).toContain("Unsubscribe: https://x.example/u?token=a&b");
    expect(m.html).not.toContain("%%");
  });
  it("greets people without a name", () => {
    expect(compileTemplate("Hi %%FIRST_NAME%%!", (s) => s)({ firstName: "  ", unsubscribeUrl: "", preferencesUrl: "" })).toBe("Hi there!");
  });
  it("the web copy has no personal links", () => {
    const web = webCopy(issue, "https://backinmotion.example");
    expect(web).toContain("Hi there,");
    expect(web).not.toContain("token=");
  });
});

describe("per-recipient messages", () => {
  const SECRET = "q".repeat(40);
  const build = issueMessages(
    { publicUrl: "https://backinmotion.example", secret: SECRET, listId: "Less Pain, More Life <newsletter.backinmotion.example>", unsubscribeMailto: "news@backinmotion.example" },
    { id: "camp1", newsletterSlug: "winter", ...issue },
  );
  const m = build({ deliveryId: "del1", subscriberId: "sub1", email: "ann@example.com", firstName: "Ann" });
  it("carry one-click unsubscribe, List-Id and a Message-ID that depends only on campaign and delivery", () => {
    const h = m.headers as Record<string, string>;
    expect(h["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(h["List-Unsubscribe"]).toMatch(/^<https:\/\/backinmotion\.example\/api\/newsletter\/unsubscribe\?token=[^>]+>, <mailto:news@backinmotion\.example\?subject=unsubscribe%20sub1>$/);
    expect(h["List-Id"]).toBe("Less Pain, More Life <newsletter.backinmotion.example>");
    expect(m.messageId).toBe("<camp1.del1@backinmotion.example>");
    expect(build({ deliveryId: "del1", subscriberId: "sub1", email: "ann@example.com", firstName: "Ann" }).messageId).toBe(m.messageId);
  });
  it("link to this subscriber's own preferences", () => {
    const url = String(m.text).match(/Preferences: (\S+)/)![1];
    expect(readManageToken(SECRET, new URL(url).searchParams.get("token")!)).toBe("sub1");
  });
});
