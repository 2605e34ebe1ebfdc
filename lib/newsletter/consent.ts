import { isIP } from "node:net";

/**
 * The words a reader agrees to when subscribing. Every subscriber records
 * the version they saw; change the text → bump the version, and keep old
 * versions here so an export can show exactly what someone agreed to.
 */
export const CONSENT_TEXTS = {
  "2026-11-24": "Send me the free Less Pain, More Life newsletter by email. I can unsubscribe at any time with one click; see the privacy notice for how my address is used.",
} as const;

export type ConsentVersion = keyof typeof CONSENT_TEXTS;
export const CONSENT_VERSION: ConsentVersion = "2026-11-24";
export const CONSENT_TEXT = CONSENT_TEXTS[CONSENT_VERSION];

export { CONSENT_SOURCE } from "./limits";

/**
 * Enough of the address to show roughly where consent came from, not who:
 * IPv4 keeps its first three octets (/24), IPv6 its first three groups (/48).
 */
export function truncateIp(ip: string): string | null {
  const kind = isIP(ip);
  if (kind === 4) return ip.split(".").slice(0, 3).concat("0").join(".");
  if (kind === 6) {
    const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
    if (mapped) return truncateIp(mapped[1]);
    const [head] = ip.split("::");
    const groups = expandV6(ip).slice(0, 3);
    return head !== undefined ? `${groups.join(":")}::` : null;
  }
  return null;
}

function expandV6(ip: string): string[] {
  const [a, b] = ip.split("::");
  const left = a ? a.split(":") : [];
  const right = b !== undefined && b ? b.split(":") : [];
  const fill = ip.includes("::") ? Array(8 - left.length - right.length).fill("0") : [];
  return [...left, ...fill, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""));
}
