/**
 * Comment text is plain text with light formatting: blank lines make
 * paragraphs, single newlines line breaks, bare http(s) links become links
 * marked rel="ugc nofollow", and *words* become emphasis. Everything else is
 * escaped: HTML or script a commenter types is shown as text.
 */
import { escapeHtml } from "../text/html";

// A URL ends before whitespace or "<"; trailing punctuation belongs to the sentence.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

export function countLinks(text: string): number {
  return (text.match(URL_PATTERN) ?? []).length;
}

function formatLine(line: string): string {
  let out = "";
  let last = 0;
  for (const m of line.matchAll(URL_PATTERN)) {
    out += emphasis(escapeHtml(line.slice(last, m.index)));
    const url = escapeHtml(m[0]);
    out += `<a href="${url}" rel="ugc nofollow noopener" target="_blank">${url}</a>`;
    last = m.index! + m[0].length;
  }
  return out + emphasis(escapeHtml(line.slice(last)));
}

// Applied to already-escaped text, so it can only ever add <em>.
const emphasis = (escaped: string) => escaped.replace(/(^|[\s(])\*([^*\s][^*]{0,200}?[^*\s]|[^*\s])\*(?=$|[\s).,;:!?])/g, "$1<em>$2</em>");

export function renderCommentHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${p.split("\n").map(formatLine).join("<br>")}</p>`)
    .join("");
}
