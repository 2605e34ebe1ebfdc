/**
 * WordPress's automatic paragraphs (wpautop) for classic-editor posts, done
 * on the parsed tree rather than on the HTML text: in a container that holds
 * flowing content, each run of inline content between block elements becomes
 * paragraphs split at blank lines, and a single line break inside a
 * paragraph becomes `<br>`. Preformatted elements and code are left as they
 * are. Block-editor posts already carry their `<p>` elements and are not
 * passed through this (WordPress does not run wpautop on them either), except
 * for their "classic" (freeform) blocks.
 */
import type { Element, ElementContent, Parents, Text } from "hast";
import "./hast-data";

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];
// wpautop's own list of block elements, plus the converter's virtual blocks.
const BLOCK = new Set([
  "table",
  "thead",
  "tfoot",
  "caption",
  "col",
  "colgroup",
  "tbody",
  "tr",
  "td",
  "th",
  "div",
  "dl",
  "dd",
  "dt",
  "ul",
  "ol",
  "li",
  "pre",
  "form",
  "map",
  "area",
  "blockquote",
  "address",
  "math",
  "style",
  "script",
  "p",
  ...HEADINGS,
  "hr",
  "fieldset",
  "legend",
  "section",
  "article",
  "aside",
  "hgroup",
  "header",
  "footer",
  "nav",
  "figure",
  "figcaption",
  "details",
  "menu",
  "summary",
  "iframe",
  "video",
  "audio",
  "object",
  "noscript",
  "wp-block",
]);

/** Containers whose loose text becomes paragraphs. */
const FLOW = new Set(["root", "blockquote", "div", "section", "article", "aside", "header", "footer", "main", "details", "wp-block"]);
/** Containers whose text stays inline, where a newline is a line break. */
const INLINE_CONTAINERS = new Set(["p", "li", "dd", "dt", "td", "th", "figcaption", "caption", ...HEADINGS, "summary", "legend"]);
const PRESERVE = new Set(["pre", "code", "script", "style", "textarea", "svg", "math"]);

export function isBlockNode(n: ElementContent): boolean {
  if (n.type !== "element") return false;
  if (n.tagName === "wp-shortcode") {
    const name = n.data?.shortcode;
    // Every shortcode the converter knows renders as a block of its own, never wrapped in a paragraph.
    return Boolean(name?.known);
  }
  return BLOCK.has(n.tagName);
}

const nameOf = (p: Parents) => (p.type === "root" ? "root" : p.type === "element" ? p.tagName : "");

export function autop(parent: Parents): void {
  const name = nameOf(parent);
  if (PRESERVE.has(name) || isPreservedShortcode(parent)) return;
  if (FLOW.has(name)) paragraphs(parent);
  else if (INLINE_CONTAINERS.has(name)) breaks(parent);
  for (const c of parent.children as ElementContent[]) if (c.type === "element") autop(c);
}

const isPreservedShortcode = (p: Parents) =>
  p.type === "element" && p.tagName === "wp-shortcode" && ["code", "sourcecode"].includes(p.data?.shortcode?.name ?? "");

function paragraphs(parent: Parents): void {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.length === 0) return;
    let current: ElementContent[] = [];
    const close = () => {
      const p = makeParagraph(current);
      if (p) out.push(p);
      current = [];
    };
    for (const n of run) {
      if (n.type === "text" && /\n[ \t]*\n/.test(n.value)) {
        const parts = n.value.split(/\n[ \t]*(?:\n[ \t]*)+/);
        parts.forEach((part, i) => {
          if (i > 0) close();
          if (part) current.push({ type: "text", value: part });
        });
      } else current.push(n);
    }
    close();
    run = [];
  };
  for (const n of parent.children as ElementContent[]) {
    if (isBlockNode(n)) {
      flush();
      out.push(n);
    } else run.push(n);
  }
  flush();
  parent.children = out as typeof parent.children;
}

/** A paragraph of inline nodes, or nothing if they are only whitespace and comments. */
function makeParagraph(nodes: ElementContent[]): Element | null {
  if (!nodes.some((n) => n.type === "element" || (n.type === "text" && n.value.trim()))) {
    return null;
  }
  // Comments alone (e.g. <!--more-->) are not a paragraph; keep them out of it.
  const p: Element = { type: "element", tagName: "p", properties: {}, children: trimEdges(nodes) };
  breaks(p);
  return p;
}

function trimEdges(nodes: ElementContent[]): ElementContent[] {
  const out = [...nodes];
  const first = out[0];
  if (first?.type === "text") out[0] = { ...first, value: first.value.replace(/^\s+/, "") };
  const last = out[out.length - 1];
  if (last?.type === "text") out[out.length - 1] = { ...last, value: last.value.replace(/\s+$/, "") };
  return out.filter((n) => n.type !== "text" || n.value !== "");
}

/** Single newlines inside inline content become <br>, as wpautop does. */
function breaks(parent: Element | Parents): void {
  const out: ElementContent[] = [];
  const kids = parent.children as ElementContent[];
  kids.forEach((n, index) => {
    if (n.type === "text" && n.value.includes("\n")) {
      // Whitespace at the edges, or next to a block (a nested list), is not a line break.
      const isFirst = index === 0 || isBlockNode(kids[index - 1]);
      const isLast = index === kids.length - 1 || isBlockNode(kids[index + 1]);
      let value = n.value;
      if (isFirst) value = value.replace(/^\s+/, "");
      if (isLast) value = value.replace(/\s+$/, "");
      const lines = value.split(/[ \t]*\n[ \t]*/);
      lines.forEach((line, i) => {
        // A newline right before or after a <br> is not a second break.
        if (i > 0 && !(i === 1 && lines[0] === "" && endsWithBr(out))) out.push(br());
        if (line) out.push({ type: "text", value: line } as Text);
      });
    } else if (n.type === "element" && !PRESERVE.has(n.tagName) && !isBlockNode(n)) {
      breaks(n);
      out.push(n);
    } else out.push(n);
  });
  // Drop a leading/trailing break produced from surrounding newlines.
  while (out.length && isBr(out[out.length - 1]) && kids.length && !isBr(kids[kids.length - 1])) out.pop();
  parent.children = out as typeof parent.children;
}

const br = (): Element => ({ type: "element", tagName: "br", properties: {}, children: [] });
const isBr = (n: ElementContent | undefined) => n?.type === "element" && n.tagName === "br";
const endsWithBr = (nodes: ElementContent[]) => isBr(nodes[nodes.length - 1]);
