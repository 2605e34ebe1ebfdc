import { describe, expect, it } from "vitest";
import { addressKey, parseBlockRange, rangeContains, type IpRange } from "./ip-ranges";

const range = (text: string): IpRange => {
  const r = parseBlockRange(text);
  if (!r.ok) throw new Error(r.message);
  return r.range;
};

describe("blocked IP ranges", () => {
  it("matches IPv4 addresses inside a CIDR range and nothing beside it", () => {
    const r = range("203.0.113.0/24");
    expect(r.network).toBe("203.0.113.0/24");
    for (const ip of ["203.0.113.0", "203.0.113.7", "203.0.113.255", "::ffff:203.0.113.9"]) expect(rangeContains(r, ip), ip).toBe(true);
    for (const ip of ["203.0.112.255", "203.0.114.0", "198.51.100.7", "2001:db8::1", "unknown", "", null])
      expect(rangeContains(r, ip), String(ip)).toBe(false);
    const wide = range("10.0.0.0/8");
    expect(rangeContains(wide, "10.255.255.255")).toBe(true);
    expect(rangeContains(wide, "11.0.0.0")).toBe(false);
    expect(rangeContains(range("192.0.2.128/25"), "192.0.2.127")).toBe(false);
    expect(rangeContains(range("192.0.2.128/25"), "192.0.2.128")).toBe(true);
  });

  it("matches IPv6 addresses inside a CIDR range, in any spelling", () => {
    const r = range("2001:DB8:1234::/48");
    expect(r.network).toBe("2001:db8:1234::/48");
    for (const ip of ["2001:db8:1234::1", "2001:0db8:1234:ffff:ffff:ffff:ffff:ffff", "[2001:db8:1234::5]"])
      expect(rangeContains(r, ip), ip).toBe(true);
    for (const ip of ["2001:db8:1235::1", "2001:db8:1233:ffff::1", "203.0.113.7"]) expect(rangeContains(r, ip), ip).toBe(false);
    expect(rangeContains(range("2001:db8::/32"), "2001:db8:ffff::1")).toBe(true);
    expect(rangeContains(range("2001:db8::/32"), "2001:db9::1")).toBe(false);
  });

  it("takes a single address as its own range and writes a range from its network address", () => {
    expect(range("198.51.100.7")).toMatchObject({ network: "198.51.100.7" });
    expect(rangeContains(range("198.51.100.7"), "198.51.100.7")).toBe(true);
    expect(rangeContains(range("198.51.100.7"), "198.51.100.8")).toBe(false);
    expect(range("203.0.113.77/24").network).toBe("203.0.113.0/24");
    expect(range(" 2001:db8::1 ").network).toBe("2001:db8::1");
    // An IPv4 range written as IPv4-mapped IPv6 is the IPv4 range.
    expect(range("::ffff:203.0.113.0/120").network).toBe("203.0.113.0/24");
  });

  it("keys sort like the addresses they stand for, so SQL can compare them as text", () => {
    const keys = ["0.0.0.1", "9.255.255.255", "10.0.0.0", "255.255.255.255", "2001:db8::", "fe80::1"].map((a) => addressKey(a)!);
    expect(keys.every((k) => /^[0-9a-f]{32}$/.test(k))).toBe(true);
    expect([...keys].sort()).toEqual(keys.sort((a, b) => (BigInt(`0x${a}`) < BigInt(`0x${b}`) ? -1 : 1)));
    expect(addressKey("203.0.113.7")).toBe("00000000000000000000ffffcb007107");
  });

  it("refuses what is no range, with a message saying what to enter", () => {
    for (const bad of [
      "",
      "   ",
      "banana",
      "203.0.113.0/",
      "203.0.113.0/33",
      "2001:db8::/129",
      "203.0.113.0/24x",
      "10",
      "0x7f000001",
      "1.2.3/24",
      "203.0.113.0/-1",
      42,
      null,
    ])
      expect(parseBlockRange(bad), String(bad)).toMatchObject({ ok: false, message: expect.stringMatching(/range|bits/) });
  });

  it("refuses absurdly wide ranges: /0 to /7 for IPv4, /0 to /31 for IPv6", () => {
    for (const wide of ["0.0.0.0/0", "10.0.0.0/7", "128.0.0.0/1"])
      expect(parseBlockRange(wide)).toMatchObject({ ok: false, message: expect.stringMatching(/too wide.*\/8 or narrower/) });
    for (const wide of ["::/0", "2001::/16", "2001:db8::/31"])
      expect(parseBlockRange(wide)).toMatchObject({ ok: false, message: expect.stringMatching(/too wide.*\/32 or narrower/) });
    expect(parseBlockRange("::ffff:0.0.0.0/96")).toMatchObject({ ok: false, message: expect.stringMatching(/too wide/) });
    expect(parseBlockRange("10.0.0.0/8").ok).toBe(true);
    expect(parseBlockRange("2001:db8::/32").ok).toBe(true);
  });
});
