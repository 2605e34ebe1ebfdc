import { convert } from "html-to-text";
import { escapeHtml } from "../comments/text";

/**
 * A newsletter issue as an email: rendered once (layout + body HTML + a
 * plain-text part), with placeholders for what differs per recipient. Each
 * send substitutes them: a few string joins, no re-render.
 */
export const PLACEHOLDERS = { firstName: "%%FIRST_NAME%%", unsubscribe: "%%UNSUBSCRIBE_URL%%", preferences: "%%PREFERENCES_URL%%" } as const;

export type IssueInput = {
  subject: string;
  preheader?: string;
  bodyHtml: string;
  newsletterName: string;
  siteName: string;
  publicUrl: string;
  /** The web archive copy ("view in browser"). */
  webUrl: string;
};

export type RenderedIssue = { subject: string; html: string; text: string };

const FONT = "-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif";

// Inline styles carry the design everywhere; clients that honour
// prefers-color-scheme (Apple Mail, iOS, Outlook.com) also get a dark theme.
// The rest either keep the light design or invert it themselves, which the
// solid backgrounds and dark-on-light text survive.
const DARK_MODE =
  "@media (prefers-color-scheme: dark){.nl-bg{background:#121412 !important}.nl-card{background:#1d201e !important;color:#e8ebe8 !important}" +
  ".nl-card h1,.nl-card h2,.nl-card h3,.nl-card p,.nl-card li,.nl-card td{color:#e8ebe8 !important}.nl-card a{color:#7fd1b9 !important}}";

export function renderIssue(i: IssueInput): RenderedIssue {
  const pre = i.preheader ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all" aria-hidden="true">${escapeHtml(i.preheader)}${"&#847; &zwnj; &nbsp; ".repeat(12)}</div>` : "";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>${escapeHtml(i.subject)}</title>
<style>${DARK_MODE}</style></head>
<body class="nl-bg" style="margin:0;padding:0;background:#f4f4f1;-webkit-text-size-adjust:100%">${pre}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" class="nl-bg" style="background:#f4f4f1"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px">
<tr><td style="padding:0 8px 12px;font-family:${FONT};font-size:12px;color:#555555;text-align:right"><a href="${escapeHtml(i.webUrl)}" style="color:#555555">View in browser</a></td></tr>
<tr><td class="nl-card" style="background:#ffffff;border-radius:8px;padding:28px 24px;font-family:${FONT};font-size:16px;line-height:1.6;color:#1d1d1b">
<p style="margin:0 0 4px;font-size:13px;font-weight:bold;letter-spacing:.04em;text-transform:uppercase;color:#0b5d4b">${escapeHtml(i.newsletterName)}</p>
<h1 style="margin:0 0 20px;font-size:24px;line-height:1.25;color:#1d1d1b">${escapeHtml(i.subject)}</h1>
<p style="margin:0 0 16px">Hi ${PLACEHOLDERS.firstName},</p>
${i.bodyHtml}
</td></tr>
<tr><td style="padding:16px 8px;font-family:${FONT};font-size:12px;line-height:1.5;color:#555555">
You receive ${escapeHtml(i.newsletterName)} because you subscribed at ${escapeHtml(i.siteName)} and confirmed by email.<br>
<a href="${PLACEHOLDERS.unsubscribe}" style="color:#555555">Unsubscribe</a> · <a href="${PLACEHOLDERS.preferences}" style="color:#555555">Preferences</a> · <a href="${escapeHtml(i.publicUrl)}/" style="color:#555555">${escapeHtml(i.siteName)}</a>
</td></tr></table></td></tr></table></body></html>`;
  const bodyText = convert(i.bodyHtml, { wordwrap: 78, selectors: [{ selector: "a", options: { hideLinkHrefIfSameAsText: true } }, { selector: "img", format: "skip" }, { selector: "table", format: "block" }, { selector: "tr", format: "block" }, { selector: "td", format: "block" }] });
  const text = `${i.subject}\n${"=".repeat(Math.min(78, i.subject.length))}\n\nHi ${PLACEHOLDERS.firstName},\n\n${bodyText}\n\n--\nView in browser: ${i.webUrl}\nUnsubscribe: ${PLACEHOLDERS.unsubscribe}\nPreferences: ${PLACEHOLDERS.preferences}\n`;
  return { subject: i.subject, html, text };
}

export type Recipient = { firstName: string | null; unsubscribeUrl: string; preferencesUrl: string };

/** A template split once at its placeholders; fill() joins the pieces per recipient. */
export function compileTemplate(template: string, escape: (s: string) => string) {
  const parts = template.split(/(%%FIRST_NAME%%|%%UNSUBSCRIBE_URL%%|%%PREFERENCES_URL%%)/);
  return (r: Recipient): string => {
    let out = "";
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k];
      if (k % 2 === 0) out += p;
      else if (p === PLACEHOLDERS.firstName) out += escape(r.firstName?.trim() || "there");
      else if (p === PLACEHOLDERS.unsubscribe) out += escape(r.unsubscribeUrl);
      else out += escape(r.preferencesUrl);
    }
    return out;
  };
}

/** Both parts of a rendered issue, ready to fill per recipient. */
export function personaliser(issue: { html: string; text: string }) {
  const html = compileTemplate(issue.html, escapeHtml);
  const text = compileTemplate(issue.text, (s) => s);
  return (r: Recipient) => ({ html: html(r), text: text(r) });
}

/** The web archive copy: the same HTML, with a generic greeting and no personal links. */
export function webCopy(issue: { html: string }, publicUrl: string): string {
  return compileTemplate(issue.html, escapeHtml)({ firstName: null, unsubscribeUrl: `${publicUrl}/newsletter`, preferencesUrl: `${publicUrl}/newsletter` });
}
