import { describe, expect, it } from "vitest";
import { clickToken, countableClick, readClickToken, rewriteLinks, sentAtOf, sentAtValue } from "./clicks";

const req = (agent: string | undefined, method = "GET", extra: Record<string, string> = {}) => ({
  method,
  headers: new Headers({ ...(agent === undefined ? {} : { "user-agent": agent }), ...extra }),
});

// User agents as recorded from real traffic (browsers, mail apps, scanners and unfurlers).
const PEOPLE = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
];
const MACHINES = [
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  "WhatsApp/2.23.20.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
  "Barracuda Sentinel (EE)",
  "Mimecast URL Protect",
  "Proofpoint URL Defense",
  "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17029; Pro)",
  "python-requests/2.31.0",
  "curl/8.5.0",
  "Go-http-client/1.1",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko; Google-Safety; +http://www.google.com/bot.html)",
];

describe("which clicks count", () => {
  it.each(PEOPLE)("counts a person's browser: %s", (ua) => expect(countableClick(req(ua))).toBe(true));
  it.each(MACHINES)("does not count a machine: %s", (ua) => expect(countableClick(req(ua))).toBe(false));

  it("does not count HEAD, prefetches or requests without a user agent", () => {
    expect(countableClick(req(PEOPLE[0], "HEAD"))).toBe(false);
    expect(countableClick(req(PEOPLE[0], "GET", { "sec-purpose": "prefetch;prerender" }))).toBe(false);
    expect(countableClick(req(PEOPLE[0], "GET", { purpose: "prefetch" }))).toBe(false);
    expect(countableClick(req(PEOPLE[0], "GET", { "x-moz": "prefetch" }))).toBe(false);
    expect(countableClick(req(undefined))).toBe(false);
    expect(countableClick(req("  "))).toBe(false);
  });

  it("does not count a click within the scanner window after the copy was sent", () => {
    const sent = new Date("2026-11-26T08:00:00Z");
    const at = (s: number) =>
      countableClick(req(PEOPLE[0]), { sentAt: sent, now: new Date(sent.getTime() + s * 1000), scannerSeconds: 30 });
    expect(at(2)).toBe(false);
    expect(at(29)).toBe(false);
    expect(at(31)).toBe(true);
    expect(at(86_400)).toBe(true);
    expect(sentAtOf(sentAtValue(sent))).toEqual(sent);
    expect(sentAtOf("not a time!")).toBeUndefined();
  });
});

describe("newsletter links", () => {
  const keys = "c".repeat(40);
  it("signs the campaign and target; a changed token is refused", () => {
    const t = clickToken(keys, "c1", "https://shop.example.com/a?b=1&c=2");
    expect(readClickToken(keys, t)).toEqual({ campaignId: "c1", url: "https://shop.example.com/a?b=1&c=2" });
    expect(readClickToken(keys, t.slice(0, -2) + "xx")).toBeUndefined();
    expect(readClickToken("d".repeat(40), t)).toBeUndefined();
  });

  it("rewrites http(s) links only, keeping &amp; escaping, and leaves placeholders and mailto alone", () => {
    const html =
      '<a href="https://a.example/x?y=1&amp;z=2" style="c">A</a> <a class="b" href="%%UNSUBSCRIBE_URL%%">U</a> <a href="mailto:x@y">M</a>';
    const out = rewriteLinks(html, (u) => `https://site.example/r/T?u=${encodeURIComponent(u)}&t=%%SENT_AT%%`);
    expect(out).toContain('href="https://site.example/r/T?u=https%3A%2F%2Fa.example%2Fx%3Fy%3D1%26z%3D2&amp;t=%%SENT_AT%%" style="c"');
    expect(out).toContain('href="%%UNSUBSCRIBE_URL%%"');
    expect(out).toContain('href="mailto:x@y"');
  });
});
