import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyAddr from "proxy-addr";

/**
 * Who the client is, when reverse proxies may stand in between.
 *
 * TRUST_PROXY says which hops may speak for the client in X-Forwarded-For:
 *   0 (default)            nobody: the socket's address is the client
 *   <n>                    the last n hops are our proxies (nginx in front: 1)
 *   <address or CIDR>,…    hops from these addresses are our proxies; also the names
 *                          loopback, linklocal, uniquelocal (as in Express)
 * A client reaching the server directly cannot choose its address by sending
 * the header: only entries added by trusted hops are believed. proxy-addr
 * (Express's implementation) walks the chain.
 */
export type TrustProxy = { kind: "hops"; hops: number } | { kind: "addresses"; list: string[] };

/** TRUST_PROXY's value, or a sentence saying what is wrong with it. */
export function parseTrustProxy(value: string): TrustProxy | string {
  const v = value.trim().toLowerCase();
  if (v === "" || v === "false" || v === "none") return { kind: "hops", hops: 0 };
  if (/^\d+$/.test(v)) return Number(v) <= 10 ? { kind: "hops", hops: Number(v) } : "hop counts above 10 are not plausible";
  const list = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    proxyAddr.compile(list);
  } catch (e) {
    return `must be a hop count (e.g. 1) or a list of addresses/CIDR ranges (e.g. 10.0.0.0/8,loopback): ${(e as Error).message}`;
  }
  return { kind: "addresses", list };
}

type Trust = (addr: string, i: number) => boolean;
const compiled = new WeakMap<TrustProxy, Trust>();
function trustFunction(t: TrustProxy): Trust {
  let fn = compiled.get(t);
  if (!fn) {
    if (t.kind === "hops") {
      const hops = t.hops;
      fn = (_addr, i) => i < hops;
    } else fn = proxyAddr.compile(t.list);
    compiled.set(t, fn);
  }
  return fn;
}

/** The client address of a raw Node request (socket + X-Forwarded-For), per TRUST_PROXY. */
export function clientAddressOf(req: IncomingMessage, trust: TrustProxy): string {
  return normaliseAddress(proxyAddr(req, trustFunction(trust)));
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

// Addresses parsed once per text: a comment post reads its client's address
// several times (flood limit, rate-limit key, stored prefix, blocked ranges),
// and parsing it was most of that (~15 µs a post, bench/cpu-profile.ts).
// Bounded, since clients choose the text: emptied when it holds 1,000.
const parsedAddresses = new Map<string, Address | null>();

/** The address, IPv4-mapped IPv6 (::ffff:1.2.3.4) as IPv4; undefined when it is not one. Callers must not change it. */
export function parseAddress(address: string): Address | undefined {
  let parsed = parsedAddresses.get(address);
  if (parsed === undefined) {
    if (parsedAddresses.size >= 1000) parsedAddresses.clear();
    parsed = ipaddr.isValid(address) ? ipaddr.parse(address) : null;
    if (parsed?.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    parsedAddresses.set(address, parsed);
  }
  return parsed ?? undefined;
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4) as IPv4, everything in its canonical text form. */
export function normaliseAddress(address: string): string {
  return parseAddress(address)?.toString() ?? "unknown";
}

/**
 * The key per-IP limits count under: an IPv4 address as is, an IPv6
 * address by its /64 (one subscriber line gets a whole /64, so counting
 * single addresses would give an attacker unlimited keys).
 */
export function rateLimitKey(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return "unknown";
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}

/**
 * Enough of an address to show roughly where a request came from, not who:
 * IPv4 keeps its first three octets (/24), IPv6 its first three groups
 * (/48). Stored with consent records and comments; undefined when the
 * address is unknown.
 */
export function truncatedAddress(address: string): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return null;
  if (parsed.kind() === "ipv4") return (parsed as ipaddr.IPv4).octets.slice(0, 3).concat(0).join(".");
  return `${(parsed as ipaddr.IPv6).parts
    .slice(0, 3)
    .map((p) => p.toString(16))
    .join(":")}::`;
}
