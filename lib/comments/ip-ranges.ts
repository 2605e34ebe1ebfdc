import ipaddr from "ipaddr.js";
import { parseAddress } from "../security/client-address";

/**
 * IP ranges a moderator blocks (CIDR, IPv4 or IPv6). Both kinds live in one
 * 128-bit space (an IPv4 address as its IPv4-mapped IPv6 form,
 * ::ffff:a.b.c.d), written as 32 lower-case hex digits, so a range is two
 * fixed-width strings and "is this address in a blocked range" is
 * `start <= key AND key <= end` in SQL, the same on SQLite and PostgreSQL
 * (hex digits of equal length sort alike in every collation), inside the
 * comment intake's one query (lib/comments/intake.ts).
 *
 * Ranges wider than /8 (IPv4) or /32 (IPv6) are refused: they would spam
 * whole countries' or providers' readers, and are always a typo.
 */
export const MIN_PREFIX = { ipv4: 8, ipv6: 32 } as const;

export type IpRange = { network: string; start: string; end: string };
export type RangeParse = { ok: true; range: IpRange } | { ok: false; message: string };

const EXAMPLE = "Enter a range like 203.0.113.0/24 or 2001:db8:1234::/48";

const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, "0")).join("");

/** An address as 32 hex digits of its 128-bit form (IPv4 mapped), or null when it is no address. */
export function addressKey(address: string | null | undefined): string | null {
  if (!address) return null;
  const parsed = parseAddress(address.replace(/^\[|\]$/g, ""));
  if (!parsed) return null;
  const v6 = parsed.kind() === "ipv4" ? (parsed as ipaddr.IPv4).toIPv4MappedAddress() : (parsed as ipaddr.IPv6);
  return hex(v6.toByteArray());
}

/**
 * A moderator's range, checked: CIDR notation (a single address is its own
 * /32 or /128), not wider than MIN_PREFIX, written canonically from its
 * network address (203.0.113.7/24 becomes 203.0.113.0/24).
 */
export function parseBlockRange(input: unknown): RangeParse {
  if (typeof input !== "string" || !input.trim()) return { ok: false, message: EXAMPLE };
  const text = input.trim();
  if (text.length > 64) return { ok: false, message: `That is not an IP range. ${EXAMPLE}` };
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let bits: number;
  try {
    if (text.includes("/")) {
      if (!/\/\d{1,3}$/.test(text)) return { ok: false, message: `The part after "/" must be a number of bits. ${EXAMPLE}` };
      [addr, bits] = ipaddr.parseCIDR(text);
    } else {
      addr = ipaddr.parse(text);
      bits = addr.kind() === "ipv4" ? 32 : 128;
    }
    // ipaddr.parse also takes "10" or "0x7f.1" as IPv4 (inet_aton forms); only the four-part form is accepted.
    if (addr.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(text.split("/")[0]))
      return { ok: false, message: `That is not an IP range. ${EXAMPLE}` };
  } catch {
    return { ok: false, message: `That is not an IP range. ${EXAMPLE}` };
  }
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    // ::ffff:203.0.113.0/120 is an IPv4 range written the long way: keep it as the IPv4 range it is.
    if (bits < 96) return { ok: false, message: `An IPv4-mapped range needs at least /96. ${EXAMPLE}` };
    addr = (addr as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  const kind = addr.kind() as "ipv4" | "ipv6";
  const min = MIN_PREFIX[kind];
  if (bits < min) {
    const size = kind === "ipv4" ? `${(2 ** (32 - bits)).toLocaleString("en-GB")} addresses` : `2^${128 - bits} addresses`;
    return {
      ok: false,
      message: `/${bits} is too wide (${size}): block an ${kind === "ipv4" ? "IPv4" : "IPv6"} range of /${min} or narrower`,
    };
  }
  const width = kind === "ipv4" ? 32 : 128;
  const network =
    kind === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${addr}/${bits}`);
  const broadcast =
    kind === "ipv4" ? ipaddr.IPv4.broadcastAddressFromCIDR(`${addr}/${bits}`) : ipaddr.IPv6.broadcastAddressFromCIDR(`${addr}/${bits}`);
  const start = addressKey(network.toString())!;
  const end = addressKey(broadcast.toString())!;
  return { ok: true, range: { network: bits === width ? network.toString() : `${network.toString()}/${bits}`, start, end } };
}

/** Whether an address falls in a range (what the intake's SQL asks; here for the tests and the CLI). */
export function rangeContains(range: Pick<IpRange, "start" | "end">, address: string | null | undefined): boolean {
  const key = addressKey(address);
  return key !== null && range.start <= key && key <= range.end;
}
