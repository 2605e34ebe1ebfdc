import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddressOf, normaliseAddress, parseTrustProxy, rateLimitKey, truncatedAddress, type TrustProxy } from "./client-address";

/** A raw request as Node hands it to server.ts: a socket address and headers. */
const raw = (socket: string, xff?: string) =>
  ({
    socket: { remoteAddress: socket },
    connection: { remoteAddress: socket },
    headers: xff ? { "x-forwarded-for": xff } : {},
  }) as unknown as IncomingMessage;
const trust = (v: string) => parseTrustProxy(v) as TrustProxy;

describe("client address behind proxies", () => {
  it("trusts nobody by default: a client reaching the server directly cannot pick its address", () => {
    expect(clientAddressOf(raw("203.0.113.7", "1.2.3.4"), trust("0"))).toBe("203.0.113.7");
    expect(clientAddressOf(raw("203.0.113.7", "a, 198.51.100.9"), trust(""))).toBe("203.0.113.7");
    expect(clientAddressOf(raw("::ffff:203.0.113.7"), trust("0"))).toBe("203.0.113.7");
  });

  it("with one trusted hop (nginx appending $proxy_add_x_forwarded_for) takes the address nginx saw", () => {
    // The client sent "1.2.3.4" itself; nginx appended the real one.
    expect(clientAddressOf(raw("127.0.0.1", "1.2.3.4, 198.51.100.9"), trust("1"))).toBe("198.51.100.9");
    expect(clientAddressOf(raw("127.0.0.1"), trust("1"))).toBe("127.0.0.1");
  });

  it("with a list of proxy addresses believes only hops that come from them", () => {
    const t = trust("loopback, 10.0.0.0/8");
    expect(clientAddressOf(raw("10.1.2.3", "1.2.3.4, 198.51.100.9"), t)).toBe("198.51.100.9");
    expect(clientAddressOf(raw("10.1.2.3", "1.2.3.4, 10.9.9.9"), t)).toBe("1.2.3.4");
    // Not from a trusted proxy: the header is ignored.
    expect(clientAddressOf(raw("203.0.113.7", "1.2.3.4"), t)).toBe("203.0.113.7");
  });

  it("says what is wrong with a bad TRUST_PROXY", () => {
    expect(parseTrustProxy("nonsense")).toEqual(expect.stringContaining("hop count"));
    expect(parseTrustProxy("99")).toEqual(expect.stringContaining("not plausible"));
    expect(parseTrustProxy("2")).toEqual({ kind: "hops", hops: 2 });
  });
});

describe("rate-limit keys", () => {
  it("count IPv4 addresses one by one and IPv6 addresses by their /64", () => {
    expect(rateLimitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe(rateLimitKey("2001:db8:1:2::1"));
    expect(rateLimitKey("2001:db8:1:3::1")).not.toBe(rateLimitKey("2001:db8:1:2::1"));
    expect(rateLimitKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitKey("not an address")).toBe("unknown");
  });
});

describe("addresses read again", () => {
  it("give the same answers the first time and from the parse cache, across its emptying", () => {
    const first = ["203.0.113.7", "::ffff:203.0.113.7", "2001:db8:1:2::1", "nonsense"].map((a) => [
      normaliseAddress(a),
      rateLimitKey(a),
      truncatedAddress(a),
    ]);
    expect(first).toEqual([
      ["203.0.113.7", "203.0.113.7", "203.0.113.0"],
      ["203.0.113.7", "203.0.113.7", "203.0.113.0"],
      ["2001:db8:1:2::1", "2001:db8:1:2::/64", "2001:db8:1::"],
      ["unknown", "unknown", null],
    ]);
    // More distinct addresses than the cache holds: it empties and fills again.
    for (let i = 0; i < 1_500; i++) normaliseAddress(`10.0.${i >> 8}.${i & 255}`);
    const again = ["203.0.113.7", "::ffff:203.0.113.7", "2001:db8:1:2::1", "nonsense"].map((a) => [
      normaliseAddress(a),
      rateLimitKey(a),
      truncatedAddress(a),
    ]);
    expect(again).toEqual(first);
  });
});
