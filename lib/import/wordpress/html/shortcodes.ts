/**
 * WordPress shortcodes (`[caption id="…"]…[/caption]`, `[gallery ids="1,2"]`,
 * `[embed]url[/embed]`, a plugin's `[contact-form-7 id="5"]`). They are not
 * HTML, so no HTML parser knows them: this is a small tokenizer for their
 * syntax, applied to the text nodes of the parsed HTML tree (shortcodes are
 * text between elements), with WordPress's rules: `[[x]]` is an escaped,
 * literal `[x]`; an opening tag without a matching closing tag among its
 * siblings is self-closing; attributes are `a="b"`, `a='b'`, `a=b` or bare
 * positional values.
 *
 * Text in brackets is common in prose ("[sic]", "[1]", "[citation needed]"),
 * so an unknown name counts as a shortcode only when it looks like one: it
 * has `name=value` attributes or a URL, a closing tag, a `-` or `_` in its
 * name, or is one of the names plugins commonly register.
 */
import type { Element, ElementContent, ElementData, Parents, Text } from "hast";
import "./hast-data";

export type ShortcodeToken =
  | { kind: "open"; name: string; attrs: ShortcodeAttrs; raw: string; selfClosing: boolean }
  | { kind: "close"; name: string; raw: string }
  | { kind: "text"; value: string };

export type ShortcodeAttrs = { named: Record<string, string>; positional: string[] };

/** Shortcodes the converter turns into content. */
export const KNOWN_SHORTCODES = new Set([
  "caption",
  "wp_caption",
  "gallery",
  "embed",
  "video",
  "audio",
  "playlist",
  "youtube",
  "vimeo",
  "code",
  "sourcecode",
]);

/** Names plugins register without attributes, reported when seen. */
const COMMON_PLUGIN_SHORTCODES = new Set([
  "toc",
  "ad",
  "ads",
  "adsense",
  "sitemap",
  "tabs",
  "tab",
  "accordion",
  "button",
  "columns",
  "column",
  "row",
  "box",
  "alert",
  "note",
  "spoiler",
  "tweet",
  "pullquote",
  "contact",
  "map",
  "slider",
  "recipe",
  "product",
  "products",
  "form",
  "subscribe",
  "newsletter",
  "related",
  "divider",
  "clear",
  "learn_more",
  "pdf",
  "download",
]);

const NAME = /^[A-Za-z0-9_-]+/;
const MAX_TAG = 4000;

export function parseShortcodeAttrs(text: string): ShortcodeAttrs {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && /\s/.test(text[i])) i++;
  };
  const quoted = () => {
    const q = text[i++];
    const end = text.indexOf(q, i);
    const v = end < 0 ? text.slice(i) : text.slice(i, end);
    i = end < 0 ? n : end + 1;
    return v;
  };
  const bare = () => {
    const start = i;
    while (i < n && !/\s/.test(text[i])) i++;
    return text.slice(start, i);
  };
  while (i < n) {
    ws();
    if (i >= n) break;
    if (text[i] === '"' || text[i] === "'") {
      positional.push(quoted());
      continue;
    }
    const m = /^([A-Za-z0-9_-]+)\s*=\s*/.exec(text.slice(i, i + 200));
    if (m) {
      i += m[0].length;
      named[m[1].toLowerCase()] = i < n && (text[i] === '"' || text[i] === "'") ? quoted() : bare();
      continue;
    }
    const v = bare();
    if (v && v !== "/") positional.push(v);
  }
  return { named, positional };
}

/** Splits one text into shortcode tags and the text between them. */
export function tokenizeShortcodes(text: string): ShortcodeToken[] {
  const out: ShortcodeToken[] = [];
  let last = 0;
  let i = text.indexOf("[");
  const pushText = (end: number) => {
    if (end > last) out.push({ kind: "text", value: text.slice(last, end) });
  };
  while (i >= 0 && i < text.length) {
    // [[escaped]] → literal [escaped]
    if (text[i + 1] === "[") {
      const end = text.indexOf("]]", i + 2);
      const inner = end > 0 ? text.slice(i + 2, end) : "";
      if (end > 0 && end - i < MAX_TAG && NAME.test(inner.replace(/^\//, "")) && !inner.includes("[")) {
        pushText(i);
        out.push({ kind: "text", value: `[${inner}]` });
        last = end + 2;
        i = text.indexOf("[", last);
        continue;
      }
      i = text.indexOf("[", i + 1);
      continue;
    }
    const end = closingBracket(text, i + 1);
    if (end < 0) {
      i = text.indexOf("[", i + 1);
      continue;
    }
    const inner = text.slice(i + 1, end);
    const raw = text.slice(i, end + 1);
    if (inner.startsWith("/")) {
      const m = NAME.exec(inner.slice(1));
      if (m && m[0].length === inner.length - 1) {
        pushText(i);
        out.push({ kind: "close", name: m[0].toLowerCase(), raw });
        last = end + 1;
      }
    } else {
      const m = NAME.exec(inner);
      const rest = m ? inner.slice(m[0].length) : "";
      if (m && (rest === "" || /^[\s/=]/.test(rest))) {
        const selfClosing = /\/\s*$/.test(rest);
        // `[youtube=https://…]`: the old Jetpack form, a value straight after the name.
        const attrText = rest.startsWith("=") ? rest.slice(1) : rest.replace(/\/\s*$/, "");
        pushText(i);
        out.push({ kind: "open", name: m[0].toLowerCase(), attrs: parseShortcodeAttrs(attrText), raw, selfClosing });
        last = end + 1;
      }
    }
    i = text.indexOf("[", end + 1);
  }
  pushText(text.length);
  return out;
}

/** The `]` that ends a tag opened at `from`, skipping quoted attribute values; -1 if none. */
function closingBracket(text: string, from: number): number {
  let quote: string | null = null;
  for (let j = from; j < text.length && j - from < MAX_TAG; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "]") return j;
    else if (c === "[" || c === "\n") return -1;
  }
  return -1;
}

function looksLikeShortcode(tok: Extract<ShortcodeToken, { kind: "open" }>, hasClose: boolean): boolean {
  if (KNOWN_SHORTCODES.has(tok.name)) return true;
  if (/^\d+$/.test(tok.name)) return false;
  if (hasClose || /[-_]/.test(tok.name) || COMMON_PLUGIN_SHORTCODES.has(tok.name)) return true;
  if (Object.keys(tok.attrs.named).length > 0) return true;
  return tok.attrs.positional.some((p) => /^https?:\/\//.test(p));
}

/** A shortcode found in the tree: `wp-shortcode` element, its tag data as properties. */
export type ShortcodeData = { name: string; attrs: ShortcodeAttrs; raw: string; rawClose: string | null; known: boolean };
export type ShortcodeElement = Element & { tagName: "wp-shortcode"; data: { shortcode: ShortcodeData } };

const SKIP = new Set(["pre", "code", "script", "style", "textarea", "kbd", "samp"]);

/**
 * Replaces shortcodes in a hast tree with `wp-shortcode` elements whose
 * children are the enclosed content. Unknown ones that look like shortcodes
 * become `wp-shortcode` elements with `known: false` (shown as their text and
 * reported); bracketed text that does not look like a shortcode stays text.
 */
export function applyShortcodes(parent: Parents): void {
  const segments: (ElementContent | ShortcodeToken)[] = [];
  let found = false;
  for (const child of parent.children as ElementContent[]) {
    if (child.type === "text" && child.value.includes("[")) {
      const tokens = tokenizeShortcodes(child.value);
      if (tokens.some((t) => t.kind !== "text")) found = true;
      for (const t of tokens) segments.push(t.kind === "text" ? ({ type: "text", value: t.value } as Text) : t);
      // `[[x]]` was turned into text: keep the unescaped form.
      if (tokens.length > 1 || (tokens[0] && tokens[0].kind === "text" && tokens[0].value !== child.value)) found = true;
    } else segments.push(child);
  }
  if (found) parent.children = build(segments, 0, segments.length) as typeof parent.children;
  for (const child of parent.children as ElementContent[]) {
    if (child.type === "element" && !SKIP.has(child.tagName) && !isCodeShortcode(child)) applyShortcodes(child);
  }
}

const isCodeShortcode = (e: Element) => e.tagName === "wp-shortcode" && ["code", "sourcecode"].includes(e.data?.shortcode?.name ?? "");

function build(segments: (ElementContent | ShortcodeToken)[], from: number, to: number): ElementContent[] {
  const out: ElementContent[] = [];
  for (let i = from; i < to; i++) {
    const s = segments[i];
    if (!("kind" in s)) {
      out.push(s);
      continue;
    }
    if (s.kind === "text") {
      out.push({ type: "text", value: s.value });
      continue;
    }
    if (s.kind === "close") {
      // A closing tag with no opening tag: WordPress leaves it as text.
      out.push({ type: "text", value: s.raw });
      continue;
    }
    let close = -1;
    if (!s.selfClosing)
      for (let j = i + 1; j < to; j++) {
        const t = segments[j];
        if ("kind" in t && t.kind === "close" && t.name === s.name) {
          close = j;
          break;
        }
      }
    const known = KNOWN_SHORTCODES.has(s.name);
    if (!looksLikeShortcode(s, close >= 0)) {
      out.push({ type: "text", value: s.raw });
      continue;
    }
    const children = close >= 0 ? build(segments, i + 1, close) : [];
    const el: ShortcodeElement = {
      type: "element",
      tagName: "wp-shortcode",
      properties: {},
      children,
      data: {
        shortcode: {
          name: s.name,
          attrs: s.attrs,
          raw: s.raw,
          rawClose: close >= 0 ? (segments[close] as { raw: string }).raw : null,
          known,
        },
      } as ElementData & { shortcode: ShortcodeData },
    };
    out.push(el);
    if (close >= 0) i = close;
  }
  // Merge adjacent text nodes the split left behind.
  const merged: ElementContent[] = [];
  for (const n of out) {
    const prev = merged[merged.length - 1];
    if (n.type === "text" && prev?.type === "text") prev.value += n.value;
    else merged.push(n);
  }
  return merged;
}
