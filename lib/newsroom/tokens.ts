import { createHash, randomBytes } from "node:crypto";

/**
 * Secrets of the newsroom's sign-in: session tokens, emailed sign-in links
 * and the per-browser nonce that binds a link to the browser that asked.
 * Each is 32 random bytes; the database keeps only SHA-256 hashes, so
 * reading the database (a backup, a leaked copy) signs nobody in.
 */
export const newSecret = () => randomBytes(32).toString("base64url");
export const hashSecret = (secret: string) => createHash("sha256").update(`newsroom\0${secret}`).digest("hex");

/** A secret as it may appear in a cookie or a link: 43 base64url characters. */
export const isWellFormedSecret = (value: unknown): value is string => typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);

export const SESSION_COOKIE = "newsroom_session";
export const SIGN_IN_NONCE_COOKIE = "newsroom_nonce";

/** Cookie attributes: HttpOnly, SameSite=Lax, Secure on https sites (production requires https in practice). */
export function cookie(name: string, value: string, opts: { maxAgeSeconds: number; secure: boolean }): string {
  return `${name}=${value}; Path=/; Max-Age=${opts.maxAgeSeconds}; HttpOnly; SameSite=Lax${opts.secure ? "; Secure" : ""}`;
}

export const clearCookie = (name: string, secure: boolean) => cookie(name, "", { maxAgeSeconds: 0, secure });

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

/** "Firefox on Linux": enough for an editor to recognise a device in the sessions list, nothing more. */
export function userAgentSummary(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "A browser";
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Mac OS X/.test(ua)
        ? "macOS"
        : /Windows/.test(ua)
          ? "Windows"
          : /Linux/.test(ua)
            ? "Linux"
            : "an unknown system";
  return `${browser} on ${os}`;
}
