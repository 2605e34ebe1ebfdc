import { signToken, verifyToken } from "./security/signed-token";

/**
 * Preview links (decision 0019): a signed, expiring token that names one
 * unpublished article or newsletter issue. Opening the link
 * (/api/preview?token=…) switches on Next's draft mode and stores the token
 * in a cookie scoped to that one page's path; the page shows the piece only
 * when that cookie's token verifies for it, with a banner, `noindex` and no
 * caching. Lists, the feed, the sitemap and search never consult it.
 *
 * Only the current SECRET_KEY verifies a preview token (not
 * SECRET_KEY_PREVIOUS): changing the key is how an editor withdraws every
 * preview link at once, and a preview is cheap to ask for again.
 */
export const PREVIEW_PURPOSE = "preview";
/** The cookie holding the token; its Path is the previewed page, so the browser sends it nowhere else. */
export const PREVIEW_COOKIE = "spine_preview";
export const PREVIEW_DEFAULT_HOURS = 48;
/** A week at most: a preview link travels by email and chat, and a leaked one must not live long. */
export const PREVIEW_MAX_HOURS = 24 * 7;

export type PreviewKind = "article" | "newsletter";
export type PreviewSubject = { kind: PreviewKind; slug: string };

const SUBJECT = /^(article|newsletter):([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The page a preview shows. */
export function previewPath(subject: PreviewSubject): string {
  return subject.kind === "article" ? `/articles/${subject.slug}` : `/newsletter/archive/${subject.slug}`;
}

export function previewToken(currentKey: string, subject: PreviewSubject, expiresAt: Date): string {
  return signToken(currentKey, PREVIEW_PURPOSE, `${subject.kind}:${subject.slug}`, expiresAt);
}

export type PreviewCheck =
  { ok: true; subject: PreviewSubject; expiresAt: Date } | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

/** Checks a token against the current key alone; the expiry is part of what was signed. */
export function verifyPreview(currentKey: string, token: string, now = new Date()): PreviewCheck {
  const check = verifyToken(currentKey, PREVIEW_PURPOSE, token, now);
  if (!check.ok) return { ok: false, reason: check.reason === "wrong-purpose" ? "bad-signature" : check.reason };
  const m = SUBJECT.exec(check.subject);
  if (!m) return { ok: false, reason: "malformed" };
  // verifyToken accepted it, so the payload is canonical base64url JSON with an expiry we signed.
  const payload = JSON.parse(Buffer.from(token.split(".").at(-2) ?? "", "base64url").toString("utf8")) as { e?: number };
  if (payload.e === undefined) return { ok: false, reason: "malformed" };
  return { ok: true, subject: { kind: m[1] as PreviewKind, slug: m[2] }, expiresAt: new Date(payload.e * 1000) };
}

export type PreviewLink = { url: string; path: string; expiresAt: Date };

/** The link an editor shares: the site's address, the preview route and a token valid for `hours`. */
export function previewLink(
  publicUrl: string,
  currentKey: string,
  subject: PreviewSubject,
  opts: { hours?: number; now?: Date } = {},
): PreviewLink {
  const hours = opts.hours ?? PREVIEW_DEFAULT_HOURS;
  if (!(hours > 0 && hours <= PREVIEW_MAX_HOURS))
    throw new RangeError(`a preview link lasts more than 0 and at most ${PREVIEW_MAX_HOURS} hours, not ${hours}`);
  const expiresAt = new Date((opts.now ?? new Date()).getTime() + Math.round(hours * 3_600_000));
  const url = new URL("/api/preview", publicUrl);
  url.searchParams.set("token", previewToken(currentKey, subject, expiresAt));
  return { url: url.toString(), path: previewPath(subject), expiresAt };
}
