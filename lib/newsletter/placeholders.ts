import { escapeHtml } from "../text/html";

/**
 * A newsletter issue is rendered once, with placeholders where each
 * recipient's name and links go; each send substitutes them with a few
 * string joins, no re-render. The one definition of the placeholders and
 * of how a template is split at them (the MIME template splits the same way).
 */
export const PLACEHOLDERS = {
  firstName: "%%FIRST_NAME%%",
  unsubscribe: "%%UNSUBSCRIBE_URL%%",
  preferences: "%%PREFERENCES_URL%%",
  /** When this copy was handed to SMTP (base 36 seconds): the /r/ links' scanner rule (lib/audience/clicks.ts). */
  sentAt: "%%SENT_AT%%",
} as const;
export type Placeholder = (typeof PLACEHOLDERS)[keyof typeof PLACEHOLDERS];

const SPLIT = /(%%FIRST_NAME%%|%%UNSUBSCRIBE_URL%%|%%PREFERENCES_URL%%|%%SENT_AT%%)/;

/** Fixed text and placeholders, alternating: parts[0] hole[0] parts[1] … */
export function splitAtPlaceholders(template: string): { parts: string[]; holes: Placeholder[] } {
  const pieces = template.split(SPLIT);
  return { parts: pieces.filter((_, i) => i % 2 === 0), holes: pieces.filter((_, i) => i % 2 === 1) as Placeholder[] };
}

export type Recipient = { firstName: string | null; unsubscribeUrl: string; preferencesUrl: string; sentAt?: string };

/** The value of each placeholder for one recipient (unescaped). */
export function placeholderValues(r: Recipient): Record<Placeholder, string> {
  return {
    [PLACEHOLDERS.firstName]: r.firstName?.trim() || "there",
    [PLACEHOLDERS.unsubscribe]: r.unsubscribeUrl,
    [PLACEHOLDERS.preferences]: r.preferencesUrl,
    [PLACEHOLDERS.sentAt]: r.sentAt ?? "",
  };
}

/** A template split once; fill() joins the pieces per recipient, escaping each value with `escape`. */
export function compileTemplate(template: string, escape: (s: string) => string) {
  const { parts, holes } = splitAtPlaceholders(template);
  return (r: Recipient): string => {
    const values = placeholderValues(r);
    let out = parts[0];
    for (let i = 0; i < holes.length; i++) out += escape(values[holes[i]]) + parts[i + 1];
    return out;
  };
}

/** Both parts of a rendered issue, ready to fill per recipient. */
export function personaliser(issue: { html: string; text: string }) {
  const html = compileTemplate(issue.html, escapeHtml);
  const text = compileTemplate(issue.text, (s) => s);
  return (r: Recipient) => ({ html: html(r), text: text(r) });
}
