import { createHash } from "node:crypto";
import MailChecker from "mailchecker";
import { z } from "zod";

/**
 * Email addresses as the newsletter sees them. The stored address keeps the
 * local part as typed (some mail systems do distinguish case there) with the
 * domain lower-cased; identity and suppression use a hash of the fully
 * lower-cased address, so "Ann@X.com" and "ann@x.com" are one subscriber.
 */
export const MAX_EMAIL_LENGTH = 254;

export function normaliseEmail(raw: string): string {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 1) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** The key into Subscriber.emailHash and Suppression: sha256 of the lower-cased address. */
export function emailHash(email: string): string {
  return createHash("sha256").update(normaliseEmail(email).toLowerCase()).digest("hex");
}

const syntax = z.email();

/** Local parts that reach a team or a machine rather than one reader. */
const ROLE_LOCAL_PARTS = new Set([
  "abuse",
  "admin",
  "administrator",
  "billing",
  "contact",
  "help",
  "hostmaster",
  "info",
  "mailer-daemon",
  "marketing",
  "no-reply",
  "noc",
  "noreply",
  "office",
  "postmaster",
  "root",
  "sales",
  "security",
  "support",
  "webmaster",
]);

export type AddressPolicy = { rejectDisposable: boolean; rejectRole: boolean };
export type AddressCheck = { ok: true; email: string } | { ok: false; message: string };

/** Syntax, then the operator's disposable- and role-address policies. */
export function checkAddress(raw: string, policy: AddressPolicy): AddressCheck {
  const email = normaliseEmail(raw);
  if (email.length > MAX_EMAIL_LENGTH || !syntax.safeParse(email).success)
    return { ok: false, message: "Please enter a valid email address" };
  const local = email.slice(0, email.lastIndexOf("@")).toLowerCase();
  // mailchecker keeps a maintained list of throwaway-mail domains.
  if (policy.rejectDisposable && !MailChecker.isValid(email))
    return { ok: false, message: "Please use a permanent address, not a disposable one" };
  if (policy.rejectRole && ROLE_LOCAL_PARTS.has(local.split("+")[0]))
    return { ok: false, message: "Please use a personal address rather than a shared one such as info@" };
  return { ok: true, email };
}

/** "ann@example.com" → "a••@example.com": enough for the owner to recognise, too little to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}${"•".repeat(Math.min(6, Math.max(2, at - 1)))}${email.slice(at)}`;
}
