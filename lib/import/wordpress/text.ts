/**
 * Small text helpers for the importer: HTML fragments to plain text (titles,
 * excerpts, comments), descriptions cut to the length search results show,
 * and dates as WordPress writes them.
 */
import type { Element, ElementContent, Root } from "hast";
import { toText } from "hast-util-to-text";
import { parseHtml } from "./html/prepare";

/** A title or name that may hold entities or stray tags ("Tips &amp; <em>tricks</em>") as plain text. */
export function plainInline(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, " ").trim();
  return toText(parseHtml(html), { whitespace: "normal" }).replace(/\s+/g, " ").trim();
}

/**
 * A comment's HTML as the comment text format (lib/comments/text.ts): blank
 * lines between paragraphs, newlines for line breaks, a link's address after
 * its text when they differ. WordPress stores comments without paragraphs
 * (it adds them when showing), so newlines in the text are kept as they are.
 */
export function commentText(html: string): string {
  const source = html.replace(/\r\n?/g, "\n");
  if (!/[<&]/.test(source)) return tidy(source);
  const tree = parseHtml(source);
  let out = "";
  const walk = (nodes: (ElementContent | Root["children"][number])[]) => {
    for (const n of nodes) {
      if (n.type === "text") out += n.value;
      else if (n.type === "element") element(n);
    }
  };
  const element = (e: Element) => {
    switch (e.tagName) {
      case "br":
        out += "\n";
        return;
      case "p":
      case "div":
      case "blockquote":
      case "pre":
      case "ul":
      case "ol":
        out += "\n\n";
        walk(e.children);
        out += "\n\n";
        return;
      case "li":
        out += "\n- ";
        walk(e.children);
        return;
      case "a": {
        const before = out.length;
        walk(e.children);
        const label = out.slice(before).trim();
        const href = String(e.properties.href ?? "");
        if (/^https?:\/\//i.test(href) && label !== href && !label.includes(href)) out += ` (${href})`;
        return;
      }
      case "em":
      case "i": {
        const before = out.length;
        walk(e.children);
        const inner = out.slice(before);
        if (inner.trim() && !/[*\n]/.test(inner)) out = `${out.slice(0, before)}*${inner}*`;
        return;
      }
      case "script":
      case "style":
        return;
      default:
        walk(e.children);
    }
  };
  walk(tree.children);
  return tidy(out);
}

function tidy(s: string): string {
  return s
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Fits text into [min, max] characters for a meta description: whole sentences if they fit, else whole words and "…". */
export function fitDescription(text: string, max = 160): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const window = t.slice(0, max);
  const sentenceEnd = Math.max(window.lastIndexOf(". "), window.lastIndexOf("! "), window.lastIndexOf("? "));
  if (sentenceEnd >= 50) return window.slice(0, sentenceEnd + 1);
  const cut = window.slice(0, max - 1).replace(/\s+\S*$/, "");
  return `${(cut.length >= 50 ? cut : window.slice(0, max - 1)).replace(/[\s,;:.–-]+$/, "")}…`;
}

/**
 * A date as WordPress writes it ("2019-03-15 10:04:00", GMT or site-local,
 * "0000-00-00 00:00:00" for never) or as RSS does ("Fri, 15 Mar 2019 10:04:00 +0000").
 * Impossible calendar dates (30 February) are refused, not rolled over.
 */
export function parseWpDate(s: string): Date | null {
  const t = s.trim();
  if (!t || t.startsWith("0000-00-00")) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  if (m) {
    const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number);
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || se > 59)
      return null;
    return y < 1970 ? null : date;
  }
  const rfc = Date.parse(t);
  return Number.isNaN(rfc) ? null : new Date(rfc);
}

/** "2019-03-15T10:04:00Z": the form written into frontmatter. */
export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
