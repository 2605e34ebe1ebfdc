import type { Db } from "../db";
import type { LimitResult } from "../security/rate-limit";
import { findEditorByEmail, normaliseEmail } from "./editors";
import { hashSecret, isWellFormedSecret, newSecret } from "./tokens";

/**
 * Passwordless sign-in by emailed link (decision 0040).
 *
 * request: every address gets the same answer, known or not, and the same
 * work is visible from outside (the mail goes out after the answer is
 * decided). Limits count per address and per network. The link is stored
 * as a hash with the hash of the asking browser's nonce cookie.
 *
 * redeem: a link works once, for 15 minutes. Opened in the browser that
 * asked, it signs in with one click; opened in another browser, the page
 * says so and asks to confirm there (an explicit second click), so a link
 * forwarded or scanned by a mail filter signs nobody in by being fetched.
 */
export const SIGN_IN_LINK_MINUTES = 15;

export type SignInRequestDeps = {
  db: Db;
  limitByAddress: (emailKey: string) => Promise<LimitResult>;
  limitByIp: (ip: string) => Promise<LimitResult>;
  /** Sends the link; called only for a known editor. */
  sendLink: (to: { email: string; name: string }, url: string, validMinutes: number) => Promise<void>;
  /** Where the emailed link points: `${PUBLIC_URL}/newsroom/sign-in/link`. */
  linkBase: string;
  now?: () => Date;
};

export type SignInRequestResult =
  | { kind: "sent" } // also the answer for unknown addresses
  | { kind: "invalid"; message: string }
  | { kind: "rate-limited"; retryAfterSeconds: number };

export async function requestSignIn(
  deps: SignInRequestDeps,
  input: { email: unknown; browserNonce: string; ip: string; ipPrefix: string | null },
): Promise<SignInRequestResult> {
  const email = typeof input.email === "string" ? normaliseEmail(input.email) : "";
  if (!/^[^\s@]{1,64}@[^\s@]{1,189}$/.test(email)) return { kind: "invalid", message: "Enter your email address" };
  const byIp = await deps.limitByIp(input.ip);
  if (!byIp.ok) return { kind: "rate-limited", retryAfterSeconds: byIp.retryAfterSeconds };
  const byAddress = await deps.limitByAddress(email);
  if (!byAddress.ok) return { kind: "rate-limited", retryAfterSeconds: byAddress.retryAfterSeconds };

  const editor = await findEditorByEmail(deps.db, email);
  if (!editor) return { kind: "sent" };
  const now = deps.now?.() ?? new Date();
  const token = newSecret();
  await deps.db.signInRequest.create({
    data: {
      tokenHash: hashSecret(token),
      editorId: editor.id,
      browserHash: hashSecret(input.browserNonce),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000),
      ipPrefix: input.ipPrefix,
    },
  });
  await deps.sendLink({ email: editor.email, name: editor.displayName }, `${deps.linkBase}?token=${token}`, SIGN_IN_LINK_MINUTES);
  return { kind: "sent" };
}

export type LinkCheck = { ok: true; sameBrowser: boolean; editorName: string } | { ok: false; reason: "invalid" | "used" | "expired" };

/** What the link page shows, without using the link (a GET changes nothing). */
export async function checkSignInLink(db: Db, token: unknown, browserNonce: string | undefined, now = new Date()): Promise<LinkCheck> {
  if (!isWellFormedSecret(token)) return { ok: false, reason: "invalid" };
  const request = await db.signInRequest.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (!request) return { ok: false, reason: "invalid" };
  if (request.usedAt) return { ok: false, reason: "used" };
  if (request.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  const editor = await db.editor.findUnique({ where: { id: request.editorId }, select: { displayName: true } });
  if (!editor) return { ok: false, reason: "invalid" };
  const sameBrowser = isWellFormedSecret(browserNonce) && hashSecret(browserNonce) === request.browserHash;
  return { ok: true, sameBrowser, editorName: editor.displayName };
}

export type RedeemResult = { ok: true; editorId: string } | { ok: false; reason: "invalid" | "used" | "expired" | "other-browser" };

/**
 * Uses a link: once (the update is guarded by usedAt being empty, so two
 * clicks or two browsers racing get one session), within its lifetime, in
 * the browser that asked unless `confirmOtherBrowser` says the person
 * confirmed on the page that they want this browser signed in.
 */
export async function redeemSignInLink(
  db: Db,
  input: { token: unknown; browserNonce: string | undefined; confirmOtherBrowser: boolean },
  now = new Date(),
): Promise<RedeemResult> {
  const check = await checkSignInLink(db, input.token, input.browserNonce, now);
  if (!check.ok) return check;
  if (!check.sameBrowser && !input.confirmOtherBrowser) return { ok: false, reason: "other-browser" };
  const tokenHash = hashSecret(input.token as string);
  const used = await db.signInRequest.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (used.count !== 1) return { ok: false, reason: "used" };
  const request = await db.signInRequest.findUnique({ where: { tokenHash }, select: { editorId: true } });
  const editor = request && (await db.editor.findUnique({ where: { id: request.editorId }, select: { id: true } }));
  if (!editor) return { ok: false, reason: "invalid" };
  return { ok: true, editorId: editor.id };
}
