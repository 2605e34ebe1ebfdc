import { isIP } from "node:net";

/**
 * Masks what must never reach a log in full: email addresses, client IP
 * addresses and tokens (signed links, captcha answers, bearer tokens).
 * Applied to every string a log line carries (lib/log/index.ts), so a
 * message that quotes an address by accident is masked too.
 *
 *   dana.whitcombe@example.com   →  d***@example.com
 *   203.0.113.57                 →  203.0.113.x
 *   2001:db8:85a3::8a2e:370:7334 →  2001:db8:85a3::x
 *   ?token=eyJhbGciOi…           →  ?token=eyJh…
 */

const EMAIL =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)/g;
const IPV4 = /\b(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\b/g;
// Candidates only; isIP decides (times such as 12:30:00 are not addresses).
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;
// A secret-looking query or form parameter, whatever its value looks like.
const SECRET_PARAM =
  /([?&](?:token|t|sig|signature|key|code|captcha|g-recaptcha-response|cf-turnstile-response|h-captcha-response)=)([^&#\s"']+)/gi;
const BEARER = /\b(Bearer\s+)(\S+)/gi;
// Long opaque runs (signed tokens, hashes, keys) anywhere else.
const OPAQUE = /\b[A-Za-z0-9_-]{32,}(?:\.[A-Za-z0-9_-]{8,})*\b/g;

function maskIpv6(candidate: string): string {
  if (isIP(candidate) !== 6 || candidate === "::1") return candidate;
  const head = candidate.split("::")[0]!.split(":").filter(Boolean).slice(0, 3);
  return `${head.join(":")}::x`;
}

/** The text with emails, IPs and tokens masked. */
export function redactText(text: string): string {
  if (text.length < 7) return text;
  return (
    text
      .replace(SECRET_PARAM, (_, name: string, value: string) => `${name}${value.slice(0, 4)}…`)
      .replace(BEARER, (_, b: string) => `${b}…`)
      .replace(EMAIL, (m: string, domain: string) => `${m[0]}***@${domain}`)
      .replace(OPAQUE, (m) => (/^\d+$/.test(m) ? m : `${m.slice(0, 4)}…`))
      // Loopback and "any" are this machine, nobody's address: kept readable.
      .replace(IPV4, (m: string, head: string) => (head === "127.0.0" || m === "0.0.0.0" ? m : `${head}.x`))
      .replace(IPV6, maskIpv6)
  );
}

/** A value with every string in it masked (objects and arrays copied, errors kept readable). */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (value instanceof Error)
    return { type: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redact(v, depth + 1);
  return out;
}
