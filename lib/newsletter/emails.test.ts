import { describe, expect, it } from "vitest";
import { alreadySubscribedEmail, confirmationEmail, welcomeEmail, type SubscriptionMailContext } from "./emails";

const ctx: SubscriptionMailContext = {
  to: "ann@example.com",
  firstName: "Ann <b>",
  siteName: "Back in Motion",
  newsletterName: "Less Pain, More Life",
  publicUrl: "https://backinmotion.example",
  unsubscribeUrl: "https://backinmotion.example/newsletter/unsubscribe?token=t",
  preferencesUrl: "https://backinmotion.example/newsletter/preferences?token=t",
  list: { oneClickUrl: "https://backinmotion.example/api/newsletter/unsubscribe?token=t", mailto: "news@backinmotion.example", subscriberId: "sub1", listId: "Less Pain, More Life <newsletter.backinmotion.example>" },
};

describe("subscription emails", () => {
  it.each([
    ["confirmation", confirmationEmail(ctx, "https://backinmotion.example/newsletter/confirm?token=c", 48)],
    ["welcome", welcomeEmail(ctx)],
    ["already subscribed", alreadySubscribedEmail(ctx)],
  ])("%s: both parts, one-click unsubscribe headers and a visible unsubscribe link", (_, m) => {
    expect(m.headers).toMatchObject({
      "List-Unsubscribe": "<https://backinmotion.example/api/newsletter/unsubscribe?token=t>, <mailto:news@backinmotion.example?subject=unsubscribe%20sub1>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(String(m.text)).toContain(ctx.unsubscribeUrl);
    expect(String(m.html)).toContain(">Unsubscribe</a>");
    expect(String(m.html)).toContain("Ann &lt;b&gt;");
    expect(String(m.html)).not.toContain("Ann <b>");
  });
  it("the confirmation email carries the link and says how long it lasts", () => {
    const m = confirmationEmail(ctx, "https://backinmotion.example/newsletter/confirm?token=c", 48);
    expect(String(m.text)).toContain("https://backinmotion.example/newsletter/confirm?token=c");
    expect(String(m.text)).toContain("48 hours");
  });
});
