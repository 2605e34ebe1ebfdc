import { bundleMDX } from "mdx-bundler";
import { describe, expect, it } from "vitest";
import type { RenderedEmail, SubscriptionEmailBase } from "@/lib/mail/templates";
import { PLACEHOLDERS } from "@/lib/newsletter/placeholders";
import { renderNewsletterIssue } from "./issue";
import { emailTemplates } from "./templates";

const base: SubscriptionEmailBase = {
  newsletterName: "Less Pain, More Life",
  siteName: "Back in Motion",
  publicUrl: "https://backinmotion.example",
  unsubscribeUrl: "https://backinmotion.example/newsletter/unsubscribe?token=t",
  preferencesUrl: "https://backinmotion.example/newsletter/preferences?token=t",
};

const { code } = await bundleMDX({
  source: `Short days make it tempting to stay in the chair.

## This week

- Walk ten minutes after lunch
- [Read why it helps](/articles/walking-for-low-back-pain)

<Callout type="tip" title="Start small">One lap of the block counts.</Callout>
`,
});

const emails: Record<string, RenderedEmail> = Object.fromEntries(
  await Promise.all(
    Object.entries({
      confirmation: emailTemplates.confirmation({
        ...base,
        confirmUrl: "https://backinmotion.example/newsletter/confirm?token=c",
        validHours: 48,
        topics: "Back Pain Articles and Movement & Exercise",
      }),
      welcome: emailTemplates.welcome({ ...base, firstName: "Ann <b>", topics: "everything we publish, including topics we add later" }),
      "already subscribed": emailTemplates.alreadySubscribed(base),
      "reply notice": emailTemplates.replyNotice({
        siteName: "Back in Motion",
        replierName: "Zoë",
        articleTitle: "Posture myths & facts",
        replyUrl: "https://backinmotion.example/articles/posture-myths#comment-c2",
        stopUrl: "https://backinmotion.example/api/comments/stop-replies?token=s",
      }),
      "confirm browser": emailTemplates.confirmBrowser({
        siteName: "Back in Motion",
        articleTitle: "Posture myths & facts",
        confirmUrl: "https://backinmotion.example/comments/confirm-browser?token=b",
        validHours: 48,
      }),
      "newsletter issue": renderNewsletterIssue(
        { slug: "winter", subject: "Winter walking & your back", preheader: "Ten minutes after lunch", body: { code, raw: "" } } as never,
        "https://backinmotion.example",
      ),
    }).map(async ([name, email]) => [name, await email] as const),
  ),
);

describe("every email, from one renderer", () => {
  it.each(Object.entries(emails))("%s: HTML and text parts as approved (snapshot)", (name, email) => {
    expect({ subject: email.subject, html: email.html, text: email.text }).toMatchSnapshot();
  });

  it.each(Object.entries(emails))("%s: a full document with a dark theme, well below Gmail's 102 kB clipping", (_, email) => {
    expect(email.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(email.html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(email.html).toMatch(/<style>@media \(prefers-color-scheme: dark\)/);
    expect(Buffer.byteLength(email.html)).toBeLessThan(102 * 1024);
    // The text part is plain: no markup, every link spelled out.
    expect(email.text).not.toMatch(/<(p|a|table|div|style)\b/);
    for (const href of email.html.matchAll(/href="(https:[^"]+)"/g)) expect(email.text).toContain(href[1].replace(/&amp;/g, "&"));
  });

  it("subscription emails carry visible unsubscribe and preferences links", () => {
    for (const name of ["confirmation", "welcome", "already subscribed"]) {
      expect(emails[name].html).toContain(">Unsubscribe</a>");
      expect(emails[name].text).toContain(base.unsubscribeUrl);
    }
  });

  it("the confirmation email greets nobody by name and says how long the link lasts", () => {
    expect(emails.confirmation.text).toContain("Hello,");
    expect(emails.confirmation.text).toContain("48 hours");
    expect(emails.confirmation.text).toContain("https://backinmotion.example/newsletter/confirm?token=c");
  });

  it("escapes what people typed", () => {
    expect(emails.welcome.html).toContain("Hi Ann &lt;b&gt;,");
    expect(emails.welcome.html).not.toContain("Ann <b>");
    expect(emails["reply notice"].html).toContain("Posture myths &amp; facts");
  });

  it("the issue keeps its per-recipient placeholders for the sender to fill", () => {
    const issue = emails["newsletter issue"];
    expect(issue.html).toContain(`Hi ${PLACEHOLDERS.firstName},`);
    expect(issue.html).toContain(`href="${PLACEHOLDERS.unsubscribe}"`);
    expect(issue.text).toContain(PLACEHOLDERS.preferences);
    expect(issue.html).toContain("Ten minutes after lunch");
    expect(issue.html).toContain('href="https://backinmotion.example/newsletter/archive/winter"');
    expect(issue.html).toContain('href="https://backinmotion.example/articles/walking-for-low-back-pain"');
  });
});
