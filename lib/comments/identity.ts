import { createHash, randomUUID } from "node:crypto";
import { signToken, verifyToken, type SigningKeys } from "../security/signed-token";

/**
 * Who may publish without moderation (decision 0014). An email address is
 * no proof of identity: anyone can type a regular's address. What counts is
 * a browser tied to that address, either because an editor approved a
 * comment this browser posted with it, or because the address's owner
 * opened an emailed link in this browser. The browser carries a random id
 * in a signed, HttpOnly cookie; the database keeps only hashes.
 */
export const BROWSER_COOKIE = "commenter";
const COOKIE_PURPOSE = "commenter-browser";
export const CONFIRM_BROWSER_PURPOSE = "commenter-confirm-browser";
const COOKIE_MAX_AGE_SECONDS = 400 * 86_400; // browsers cap cookie lifetimes at 400 days
export const CONFIRM_LINK_HOURS = 48;

export const emailHashOf = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
export const browserHashOf = (browserId: string) => createHash("sha256").update(`browser\0${browserId}`).digest("hex");

/** The browser id from the request's cookie, if it carries a valid one. */
export function browserIdFrom(cookieHeader: string | null, keys: SigningKeys): string | undefined {
  const raw = cookieHeader
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${BROWSER_COOKIE}=`))
    ?.slice(BROWSER_COOKIE.length + 1);
  if (!raw) return undefined;
  const check = verifyToken(keys, COOKIE_PURPOSE, decodeURIComponent(raw));
  return check.ok && /^[A-Za-z0-9_-]{16,64}$/.test(check.subject) ? check.subject : undefined;
}

/**
 * A new browser id: 122 random bits as 32 hex digits. From randomUUID, which
 * draws on a cached pool of entropy, rather than randomBytes, which asked the
 * system for 18 bytes on every comment from a browser without the cookie
 * (17 µs of the comment POST's ~1.7 ms of CPU, measured with bench/cpu-profile.ts).
 */
export const newBrowserId = () => randomUUID().replaceAll("-", "");

/** The Set-Cookie value for a browser id: HttpOnly, only for the comment endpoints, Secure on https sites. */
export function browserIdCookie(browserId: string, keys: SigningKeys, publicUrl: string): string {
  const secure = publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${BROWSER_COOKIE}=${encodeURIComponent(signToken(keys, COOKIE_PURPOSE, browserId))}; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

/** The link that ties one browser to one email; it works only in that browser. */
export function confirmBrowserToken(keys: SigningKeys, emailHash: string, browserHash: string, now: Date): string {
  return signToken(keys, CONFIRM_BROWSER_PURPOSE, `${emailHash}.${browserHash}`, new Date(now.getTime() + CONFIRM_LINK_HOURS * 3_600_000));
}

export type ConfirmBrowserCheck =
  { ok: true; emailHash: string; browserHash: string } | { ok: false; reason: "invalid" | "expired" | "other-browser" };

/** Reads a confirm-browser link against the browser that opened it. */
export function readConfirmBrowserToken(
  keys: SigningKeys,
  token: string,
  browserId: string | undefined,
  now = new Date(),
): ConfirmBrowserCheck {
  const r = verifyToken(keys, CONFIRM_BROWSER_PURPOSE, token, now);
  if (!r.ok) return { ok: false, reason: r.reason === "expired" ? "expired" : "invalid" };
  const [emailHash, browserHash, extra] = r.subject.split(".");
  if (!emailHash || !browserHash || extra !== undefined) return { ok: false, reason: "invalid" };
  if (!browserId || browserHashOf(browserId) !== browserHash) return { ok: false, reason: "other-browser" };
  return { ok: true, emailHash, browserHash };
}
