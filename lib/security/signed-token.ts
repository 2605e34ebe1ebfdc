import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Compact signed tokens for links in emails (stop notifications, confirm,
 * unsubscribe) and for internal calls: base64url(JSON payload) + "." +
 * base64url(HMAC-SHA256). Tampering with any byte fails verification.
 */
export type TokenPayload = { p: string; s: string; e?: number };

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const mac = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest();

export function signToken(secret: string, purpose: string, subject: string, expiresAt?: Date): string {
  const payload: TokenPayload = { p: purpose, s: subject, ...(expiresAt ? { e: Math.floor(expiresAt.getTime() / 1000) } : {}) };
  const data = b64(JSON.stringify(payload));
  return `${data}.${b64(mac(secret, data))}`;
}

export type VerifyResult = { ok: true; subject: string } | { ok: false; reason: "malformed" | "bad-signature" | "wrong-purpose" | "expired" };

export function verifyToken(secret: string, purpose: string, token: string, now = new Date()): VerifyResult {
  const [data, sig, extra] = token.split(".");
  if (!data || !sig || extra !== undefined || token.length > 2048) return { ok: false, reason: "malformed" };
  const expected = mac(secret, data);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad-signature" };
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(data, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (payload.p !== purpose || typeof payload.s !== "string") return { ok: false, reason: "wrong-purpose" };
  if (payload.e !== undefined && payload.e * 1000 < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, subject: payload.s };
}
