import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Compact signed tokens for links in emails (confirm, unsubscribe, stop
 * notifications, sign-in) and for internal calls:
 *
 *   <kid>.<payload>.<signature>      kid = which key signed it
 *
 * payload is base64url(JSON {p: purpose, s: subject, e?: expiry}), signature
 * is base64url(HMAC-SHA256(key, "<kid>.<payload>")). Every part must be
 * canonical base64url: a token with an appended "=", spaces or any other
 * byte that a lenient decoder would skip is refused, so one token has one
 * spelling.
 *
 * Keys rotate: SECRET_KEY signs, SECRET_KEY_PREVIOUS still verifies, so the
 * unsubscribe links already in inboxes keep working through a rotation. The
 * kid (a short hash of the key, never the key) picks the key without trying
 * each. Tokens from before key ids (`<payload>.<signature>`, signed with the
 * bare payload) are still accepted, checked against every key.
 *
 * Hand-written rather than JWT (jose): a newsletter send signs one token per
 * recipient in its hot loop, and jose's WebCrypto signing is asynchronous;
 * this is one synchronous HMAC, and the format is shorter in every link.
 */
export type SigningKeys = { current: string; previous: readonly string[] };
type TokenPayload = { p: string; s: string; e?: number };

export type VerifyResult =
  { ok: true; subject: string } | { ok: false; reason: "malformed" | "bad-signature" | "wrong-purpose" | "expired" };

const MAX_TOKEN_LENGTH = 2048;
const B64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_CHARS = 43; // 32 bytes of HMAC-SHA256, unpadded

/** Keys as a keyring; a bare string is one key with nothing to rotate from. */
export const keyring = (keys: SigningKeys | string): SigningKeys => (typeof keys === "string" ? { current: keys, previous: [] } : keys);

const kids = new Map<string, string>();
/** A key's public id: 8 characters of a hash, so tokens say which key signed them without revealing it. */
export function keyId(key: string): string {
  let id = kids.get(key);
  if (!id) {
    id = createHash("sha256").update(`spine-press key id\0${key}`).digest("base64url").slice(0, 8);
    kids.set(key, id);
  }
  return id;
}

const mac = (key: string, data: string) => createHmac("sha256", key).update(data).digest();

/** base64url with nothing a decoder would ignore: it decodes and re-encodes to the same text. */
function canonical(part: string): Buffer | undefined {
  if (!B64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, "base64url");
  return bytes.toString("base64url") === part ? bytes : undefined;
}

export function signToken(keys: SigningKeys | string, purpose: string, subject: string, expiresAt?: Date): string {
  const key = keyring(keys).current;
  const payload: TokenPayload = { p: purpose, s: subject, ...(expiresAt ? { e: Math.floor(expiresAt.getTime() / 1000) } : {}) };
  const signed = `${keyId(key)}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${signed}.${mac(key, signed).toString("base64url")}`;
}

export function verifyToken(keys: SigningKeys | string, purpose: string, token: string, now = new Date()): VerifyResult {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "malformed" };
  const parts = token.split(".");
  if (parts.length !== 2 && parts.length !== 3) return { ok: false, reason: "malformed" };
  const [kid, data, sig] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  const given = sig.length === SIGNATURE_CHARS ? canonical(sig) : undefined;
  const body = canonical(data);
  if (!given || !body || (kid !== undefined && !canonical(kid))) return { ok: false, reason: "malformed" };

  const ring = keyring(keys);
  const candidates = [ring.current, ...ring.previous].filter((k) => kid === undefined || keyId(k) === kid);
  const signed = kid === undefined ? data : `${kid}.${data}`;
  // Constant time per comparison; which key matched is no secret.
  if (!candidates.some((k) => timingSafeEqual(given, mac(k, signed)))) return { ok: false, reason: "bad-signature" };

  let payload: TokenPayload;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof payload !== "object" || payload === null || payload.p !== purpose || typeof payload.s !== "string")
    return { ok: false, reason: "wrong-purpose" };
  if (payload.e !== undefined && (typeof payload.e !== "number" || payload.e * 1000 < now.getTime()))
    return { ok: false, reason: "expired" };
  return { ok: true, subject: payload.s };
}
