import { signToken, verifyToken, type SigningKeys } from "../security/signed-token";

/**
 * Signed links in newsletter emails.
 *  confirm: subscriber id + the pending signup's nonce, expiring. Confirming
 *           clears the nonce, so each link works once.
 *  manage:  subscriber id, no expiry (unsubscribe links in old issues must
 *           keep working). Deleting the subscriber makes it point at nothing.
 */
export const CONFIRM_PURPOSE = "newsletter-confirm";
export const MANAGE_PURPOSE = "newsletter-manage";

export function confirmToken(keys: SigningKeys | string, subscriberId: string, nonce: string, expiresAt: Date): string {
  return signToken(keys, CONFIRM_PURPOSE, `${subscriberId}.${nonce}`, expiresAt);
}

export type ConfirmTokenCheck = { ok: true; subscriberId: string; nonce: string } | { ok: false; reason: "invalid" | "expired" };

export function readConfirmToken(keys: SigningKeys | string, token: string, now = new Date()): ConfirmTokenCheck {
  const r = verifyToken(keys, CONFIRM_PURPOSE, token, now);
  if (!r.ok) return { ok: false, reason: r.reason === "expired" ? "expired" : "invalid" };
  const [subscriberId, nonce, extra] = r.subject.split(".");
  if (!subscriberId || !nonce || extra !== undefined) return { ok: false, reason: "invalid" };
  return { ok: true, subscriberId, nonce };
}

export function manageToken(keys: SigningKeys | string, subscriberId: string): string {
  return signToken(keys, MANAGE_PURPOSE, subscriberId);
}

/** The subscriber id a manage link is for, or undefined when it was tampered with. */
export function readManageToken(keys: SigningKeys | string, token: string): string | undefined {
  const r = verifyToken(keys, MANAGE_PURPOSE, token);
  return r.ok ? r.subject : undefined;
}

export type NewsletterLinks = {
  confirm(token: string): string;
  unsubscribe(subscriberId: string): string;
  oneClick(subscriberId: string): string;
  preferences(subscriberId: string): string;
  /** The subject of a mailto unsubscribe request (List-Unsubscribe): it carries the signed token. */
  mailtoSubject(subscriberId: string): string;
};

/** Absolute URLs for emails. One-click (RFC 8058) is a POST endpoint; the visible link is a page with a button. */
export function newsletterLinks(publicUrl: string, keys: SigningKeys | string): NewsletterLinks {
  // The manage links of one email share one token: sign it once.
  let last = { id: "", raw: "", encoded: "" };
  const t = (id: string) => {
    if (last.id !== id) {
      const raw = manageToken(keys, id);
      last = { id, raw, encoded: encodeURIComponent(raw) };
    }
    return last;
  };
  return {
    confirm: (token) => `${publicUrl}/newsletter/confirm?token=${encodeURIComponent(token)}`,
    unsubscribe: (id) => `${publicUrl}/newsletter/unsubscribe?token=${t(id).encoded}`,
    oneClick: (id) => `${publicUrl}/api/newsletter/unsubscribe?token=${t(id).encoded}`,
    preferences: (id) => `${publicUrl}/newsletter/preferences?token=${t(id).encoded}`,
    mailtoSubject: (id) => `unsubscribe ${t(id).raw}`,
  };
}
