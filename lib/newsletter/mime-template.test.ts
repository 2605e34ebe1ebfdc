import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { sampleIssue } from "../testing/sample-issue";
import { compileMimeIssue } from "./mime-template";
import { personaliser } from "./placeholders";

const issue = sampleIssue(
  "Winter walking — “cheap” back care",
  `Walk <a href="https://backinmotion.example/articles/walking?utm=a&amp;b=c">daily</a>. Café-style stretches: ${"a long line of words ".repeat(40)}`,
);
const build = compileMimeIssue({
  from: "Back in Motion <news@backinmotion.example>",
  subject: issue.subject,
  html: issue.html,
  text: issue.text,
  listId: '"Less Pain, More Life" <newsletter.backinmotion.example>',
  unsubscribeMailto: "news@backinmotion.example",
});
const recipient = {
  to: "ann@example.com",
  messageId: "<camp1.camp1-sub1@backinmotion.example>",
  firstName: "Zoë <b>",
  unsubscribeUrl: "https://backinmotion.example/newsletter/unsubscribe?token=abc.def_-",
  preferencesUrl: "https://backinmotion.example/newsletter/preferences?token=abc.def_-",
  oneClickUrl: "https://backinmotion.example/api/newsletter/unsubscribe?token=abc.def_-",
  mailtoSubject: "unsubscribe abc.def_-",
};

describe("the compiled MIME issue", () => {
  it("decodes to exactly the personalised HTML and text", async () => {
    const m = build(recipient)!;
    const parsed = await simpleParser(m.raw);
    const expected = personaliser(issue)({
      firstName: recipient.firstName,
      unsubscribeUrl: recipient.unsubscribeUrl,
      preferencesUrl: recipient.preferencesUrl,
    });
    expect(parsed.html).toBe(expected.html.replace(/\r?\n/g, "\n"));
    expect(parsed.text?.trim()).toBe(expected.text.replace(/\r?\n/g, "\n").trim());
    expect(parsed.html).toContain("Hi Zoë &lt;b&gt;,");
    expect(parsed.subject).toBe("Winter walking — “cheap” back care");
    expect(parsed.messageId).toBe(recipient.messageId);
    expect(parsed.from?.value[0]).toEqual({ name: "Back in Motion", address: "news@backinmotion.example" });
    expect(m.envelope).toEqual({ from: "news@backinmotion.example", to: ["ann@example.com"] });
  });

  it("carries the list headers, and no line is longer than 78 characters except unbreakable URLs", () => {
    const { raw } = build(recipient)!;
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    expect(raw).toMatch(
      /List-Unsubscribe: <https:\/\/backinmotion\.example\/api\/newsletter\/unsubscribe\?token=abc\.def_->,\r\n <mailto:news@backinmotion\.example\?subject=unsubscribe%20abc.def_->/,
    );
    expect(raw).toContain('List-Id: "Less Pain, More Life" <newsletter.backinmotion.example>');
    const body = raw.slice(raw.indexOf("\r\n\r\n"));
    for (const line of body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    expect(raw).not.toMatch(/[^\r]\n/);
  });

  it("leaves addresses that need SMTPUTF8 to nodemailer's composer", () => {
    expect(build({ ...recipient, to: "zoë@example.com" })).toBeUndefined();
  });
});
