import slugify from "@sindresorhus/slugify";

/**
 * File-name slugs as content:check wants them: lower-case ASCII letters,
 * digits and single hyphens. WordPress slugs may be percent-encoded UTF-8
 * ("%d0%b1%d0%be%d0%bb…"), accented or empty (drafts); they are decoded and
 * transliterated (Cyrillic, Greek, German, … → Latin) by
 * @sindresorhus/slugify, and a script with no Latin form falls back to
 * `fallback`.
 */
export function toSlug(raw: string, fallback: string, maxLength = 80): string {
  let text = raw.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    // not percent-encoded after all
  }
  let s = slugify(text, { decamelize: false, separator: "-" });
  if (s.length > maxLength) s = s.slice(0, maxLength).replace(/-[^-]*$/, "") || s.slice(0, maxLength);
  s = s.replace(/^-+|-+$/g, "");
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s) ? s : fallback;
}

/** Hands out unique slugs: the second "walking" becomes "walking-2". */
export class SlugPool {
  private readonly used = new Set<string>();
  constructor(taken: Iterable<string> = []) {
    for (const t of taken) this.used.add(t);
  }
  has(slug: string): boolean {
    return this.used.has(slug);
  }
  take(slug: string): string {
    let s = slug;
    for (let n = 2; this.used.has(s); n++) s = `${slug}-${n}`;
    this.used.add(s);
    return s;
  }
}
