import { render } from "@react-email/render";
import { convert } from "html-to-text";
import type { ReactElement } from "react";
import type { RenderedEmail } from "@/lib/mail/templates";

/**
 * The one way an email becomes bytes: React markup → HTML with React
 * Email's render (loaded by Node at run time, outside Next's bundles, which
 * refuse react-dom/server in route code: next.config.mjs), and the text part
 * derived from that same HTML (links spelled out, images and the hidden
 * preheader left out, the "paste this link" fallback dropped because the
 * text already shows every URL). Every email goes through here.
 */
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const html = (await render(element)).replace(/^<!DOCTYPE[^>]*>/i, "<!doctype html>");
  return { subject, html, text: textPart(html) };
}

export function textPart(html: string): string {
  return (
    convert(html, {
      wordwrap: 78,
      selectors: [
        { selector: "a", options: { hideLinkHrefIfSameAsText: true, linkBrackets: ["<", ">"] } },
        { selector: "img", format: "skip" },
        { selector: "div.preheader", format: "skip" },
        { selector: "p.link-fallback", format: "skip" },
        { selector: "style", format: "skip" },
        { selector: "title", format: "skip" },
        { selector: "table", format: "block" },
        { selector: "tr", format: "block" },
        { selector: "td", format: "block" },
        { selector: "h1", options: { uppercase: false } },
        { selector: "h2", options: { uppercase: false } },
        { selector: "h3", options: { uppercase: false } },
      ],
    }).trim() + "\n"
  );
}
