import { describe, expect, it } from "vitest";
import { keyring } from "../security/signed-token";
import { sampleIssue } from "../testing/sample-issue";
import { composedMessages } from "./messages";
import { readManageToken } from "./tokens";

const SECRET = "q".repeat(40);
const build = composedMessages(
  {
    publicUrl: "https://backinmotion.example",
    keys: keyring(SECRET),
    listId: '"Less Pain, More Life" <newsletter.backinmotion.example>',
    unsubscribeMailto: "news@backinmotion.example",
  },
  { id: "camp1", ...sampleIssue() },
);
const m = build({ deliveryId: "del1", subscriberId: "sub1", email: "ann@example.com", firstName: "Ann" });

describe("per-recipient messages", () => {
  it("carry one-click unsubscribe, a mailto carrying the signed token, List-Id and a stable Message-ID", () => {
    const h = m.headers as Record<string, string>;
    expect(h["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const [, oneClick, subject] = h["List-Unsubscribe"].match(
      /^<(https:\/\/backinmotion\.example\/api\/newsletter\/unsubscribe\?token=[^>]+)>, <mailto:news@backinmotion\.example\?subject=([^>]+)>$/,
    )!;
    const token = decodeURIComponent(subject).replace(/^unsubscribe /, "");
    expect(readManageToken(SECRET, token)).toBe("sub1");
    expect(new URL(oneClick).searchParams.get("token")).toBe(token);
    expect(h["List-Id"]).toBe('"Less Pain, More Life" <newsletter.backinmotion.example>');
    expect(m.messageId).toBe("<camp1.del1@backinmotion.example>");
    expect(build({ deliveryId: "del1", subscriberId: "sub1", email: "ann@example.com", firstName: "Ann" }).messageId).toBe(m.messageId);
  });

  it("link to this subscriber's own preferences", () => {
    const url = String(m.html).match(/href="([^"]+preferences[^"]+)"/)![1];
    expect(readManageToken(SECRET, decodeURIComponent(new URL(url.replace(/&amp;/g, "&")).searchParams.get("token")!))).toBe("sub1");
  });
});
