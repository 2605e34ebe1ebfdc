/**
 * The WordPress-specific half of the HTML → MDX route, on the HTML syntax
 * tree (hast): pair the block editor's comments into blocks, find shortcodes,
 * apply automatic paragraphs to classic content, then replace what WordPress
 * means by its blocks and shortcodes (captions, galleries, embeds, reusable
 * blocks, footnotes) with plain HTML elements, or with elements carrying a
 * `data.wp` note the MDX step turns into components. Links and image sources
 * are resolved here through the import's context, so the MDX step only
 * converts.
 */
import type { Element, ElementContent, ElementData, Parents, Root, Text } from "hast";
import { toText } from "hast-util-to-text";
import { htmlTagNames } from "html-tag-names";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { autop } from "./autop";
import { groupBlocks, hasBlocks, type BlockElement } from "./blocks";
import { parseEmbed } from "./embeds";
import "./hast-data";
import { applyShortcodes, type ShortcodeElement } from "./shortcodes";

export type AttachmentInfo = { id: string; url: string; alt: string; caption: string; title: string };

export type ConvertContext = {
  /** An old link (absolute or relative to the old site) → where it should point now; null drops the link, keeping its text. */
  link(href: string): { url: string; issue?: string } | null;
  /** An image or file address → the address to use (a copied file, or the remote one). */
  media(src: string, kind: "image" | "file"): { url: string; issue?: string };
  attachment(id: string): AttachmentInfo | undefined;
  /** Images attached to the post being converted, for `[gallery]` without ids. */
  attachmentsOfPost(): AttachmentInfo[];
  /** The HTML of a reusable block (`wp_block` item) by id. */
  reusableBlock(id: string): string | undefined;
  /** WordPress 6.3+ footnotes, from the post's `footnotes` meta. */
  footnotes: { id: string; content: string }[];
};

/** What the MDX step needs to know about a prepared element. */
export type WpNote =
  | { kind: "figure"; src: string; alt: string; caption: string }
  | { kind: "link-block"; url: string; label: string }
  | { kind: "text-block"; text: string }
  | { kind: "text"; text: string }
  | { kind: "footnotes" };

export type Issues = { add(code: IssueCode, message: string): string };
export type IssueCode =
  "unknown-shortcode" | "unknown-block" | "dynamic-block" | "alt-text" | "media" | "link" | "embed" | "removed" | "plain-text";

const parser = unified().use(rehypeParse, { fragment: true });

/** Control characters other than tab and newlines break MDX and mean nothing in prose. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff\u200b]/g;

export function parseHtml(html: string): Root {
  return parser.parse(html.replace(/\r\n?/g, "\n").replace(CONTROL, "")) as Root;
}

const el = (tagName: string, children: ElementContent[] = [], note?: WpNote): Element => ({
  type: "element",
  tagName,
  properties: {},
  children,
  ...(note ? { data: { wp: note } as ElementData } : {}),
});
const text = (value: string): Text => ({ type: "text", value });
const noteOf = (e: Element) => e.data?.wp;
export { noteOf };

/** Core blocks whose saved HTML is the content: converted as HTML, block comment dropped. */
const TRANSPARENT_BLOCKS = new Set([
  "paragraph",
  "heading",
  "list",
  "list-item",
  "quote",
  "pullquote",
  "code",
  "preformatted",
  "verse",
  "table",
  "group",
  "columns",
  "column",
  "row",
  "stack",
  "cover",
  "media-text",
  "buttons",
  "button",
  "separator",
  "image",
  "video",
  "audio",
  "file",
  "html",
  "shortcode",
  "freeform",
  "details",
  "text-columns",
  "subhead",
  "missing",
  "block",
  "footnotes",
]);
/** Blocks with nothing to carry over and nothing lost for a reader. */
const SILENT_BLOCKS = new Set(["more", "nextpage", "spacer"]);
const EMBED_BLOCK = /^(embed|core-embed\/.+|.*\/.*embed.*)$/;

const MAX_REUSABLE_DEPTH = 5;

export function prepare(html: string, ctx: ConvertContext, issues: Issues): Root {
  const tree = parseHtml(html);
  unwrapUnknown(tree, issues);
  const blocks = hasBlocks(html);
  if (blocks) {
    groupBlocks(tree);
    expandReusable(tree, ctx, issues, 0);
  }
  applyShortcodes(tree);
  if (blocks) autopFreeform(tree);
  else autop(tree);
  transform(tree, ctx, issues);
  return tree;
}

const KNOWN_TAGS = new Set(htmlTagNames);

/**
 * A tag no HTML knows (`<angle brackets>` typed into the classic editor's text
 * view, a plugin's custom element) would otherwise swallow everything after
 * it; browsers showed its content, so its content is kept in its place.
 */
function unwrapUnknown(parent: Parents, issues: Issues): void {
  const out: ElementContent[] = [];
  for (const c of parent.children as ElementContent[]) {
    if (c.type === "element") {
      unwrapUnknown(c, issues);
      if (!KNOWN_TAGS.has(c.tagName) && c.tagName !== "svg" && c.tagName !== "math") {
        out.push(
          text(
            issues.add(
              "removed",
              `an unknown HTML tag <${c.tagName}> was removed; if it was meant as text, write it as &lt;${c.tagName}&gt;`,
            ),
          ),
        );
        out.push(...c.children);
        continue;
      }
    }
    out.push(c);
  }
  parent.children = out as typeof parent.children;
}

function expandReusable(parent: Parents, ctx: ConvertContext, issues: Issues, depth: number): void {
  for (const child of parent.children as ElementContent[]) {
    if (child.type !== "element") continue;
    if (child.tagName === "wp-block") {
      const b = (child as BlockElement).data.block;
      if (b.name === "block" && b.attrs.ref !== undefined) {
        const ref = String(b.attrs.ref);
        const html = depth < MAX_REUSABLE_DEPTH ? ctx.reusableBlock(ref) : undefined;
        if (html === undefined) {
          child.children = [
            el("div", [], {
              kind: "text-block",
              text: `[WordPress reusable block ${ref} not imported]${issues.add("dynamic-block", `reusable block ${ref} is not in the export; add its content here or delete the marker`)}`,
            }),
          ];
          continue;
        }
        const inner = parseHtml(html);
        groupBlocks(inner);
        expandReusable(inner, ctx, issues, depth + 1);
        child.children = inner.children as ElementContent[];
        continue;
      }
    }
    expandReusable(child, ctx, issues, depth);
  }
}

/** In block content, loose HTML outside any block and "classic" blocks get automatic paragraphs. */
function autopFreeform(root: Root): void {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.some((n) => n.type === "element" || (n.type === "text" && n.value.trim()))) {
      const temp: Root = { type: "root", children: run };
      autop(temp);
      out.push(...(temp.children as ElementContent[]));
    } else out.push(...run);
    run = [];
  };
  for (const n of root.children as ElementContent[]) {
    if (n.type === "element" && n.tagName === "wp-block") {
      flush();
      const b = (n as BlockElement).data.block;
      if (b.name === "freeform" || b.name === "missing") autop(n);
      else autopInside(n);
      out.push(n);
    } else run.push(n);
  }
  flush();
  root.children = out as Root["children"];
}

/** Freeform blocks nested in other blocks (columns, groups). */
function autopInside(parent: Element): void {
  for (const c of parent.children) {
    if (c.type !== "element") continue;
    if (c.tagName === "wp-block" && ["freeform", "missing"].includes((c as BlockElement).data.block.name)) autop(c);
    else autopInside(c);
  }
}

// ---- blocks, shortcodes and elements to plain or noted HTML -------------

function transform(parent: Parents, ctx: ConvertContext, issues: Issues): void {
  parent.children = transformList(parent.children as ElementContent[], ctx, issues) as typeof parent.children;
}

function transformList(nodes: ElementContent[], ctx: ConvertContext, issues: Issues): ElementContent[] {
  const out: ElementContent[] = [];
  for (const n of nodes) {
    if (n.type !== "element") {
      if (n.type === "text") n.value = n.value.replace(CONTROL, "");
      out.push(n);
      continue;
    }
    if (noteOf(n)) {
      out.push(n);
      continue;
    }
    const replaced = transformElement(n, ctx, issues);
    if (replaced.length === 1 && replaced[0] === n) {
      n.children = transformList(n.children, ctx, issues);
      out.push(n);
    } else out.push(...transformList(replaced, ctx, issues));
  }
  return out;
}

function transformElement(node: Element, ctx: ConvertContext, issues: Issues): ElementContent[] {
  switch (node.tagName) {
    case "wp-block":
      return block(node as BlockElement, ctx, issues);
    case "wp-shortcode":
      return shortcode(node as ShortcodeElement, ctx, issues);
    case "figure":
      return figure(node, ctx, issues);
    case "img": {
      const f = imageNote(node, ctx, issues, "");
      if (!f) return [];
      // Inline images stay images; the MDX step turns a paragraph of images alone into figures.
      node.properties = { src: f.src, alt: f.alt };
      return [node];
    }
    case "a":
      return link(node, ctx, issues);
    case "p": {
      // A paragraph that is only the address of a known provider was an auto-embed in WordPress.
      const only = node.children.length === 1 ? node.children[0] : undefined;
      const url =
        only?.type === "text"
          ? only.value.trim()
          : only?.type === "element" && only.tagName === "a" && toText(only).trim() === String(only.properties.href ?? "")
            ? String(only.properties.href)
            : "";
      const e = /^https?:\/\/\S+$/.test(url) ? parseEmbed(url) : null;
      return e?.known ? [el("div", [], { kind: "link-block", url: e.url, label: e.label })] : [node];
    }
    case "iframe": {
      const src = String(node.properties.src ?? node.properties.dataSrc ?? "");
      const e = parseEmbed(src, String(node.properties.title ?? ""));
      if (!e) return [text(issues.add("removed", `an embedded frame with no usable address was removed`))];
      const known = e.provider === "YouTube" || e.provider === "Vimeo";
      const label = known ? e.label : `${e.label}${issues.add("embed", `an embedded frame from ${e.provider} became a link; check it`)}`;
      return [el("div", [], { kind: "link-block", url: e.url, label })];
    }
    case "video":
    case "audio":
      return mediaElement(node, ctx, issues);
    case "script":
      return [text(issues.add("removed", "a script in the post was removed (scripts do not run on imported pages)"))];
    case "form":
      return [el("p", [text(issues.add("removed", "a form in the post was removed; rebuild it as a component if it is needed"))])];
    case "object":
    case "embed":
    case "applet":
      return [text(issues.add("removed", `an <${node.tagName}> element (a plugin or Flash object) was removed`))];
    case "style":
    case "noscript":
    case "input":
    case "select":
    case "textarea":
    case "button":
    case "template":
      return [];
    default:
      return [node];
  }
}

function block(node: BlockElement, ctx: ConvertContext, issues: Issues): ElementContent[] {
  const { name, attrs } = node.data.block;
  const hasContent = node.children.some((c) => c.type === "element" || (c.type === "text" && c.value.trim()));
  if (SILENT_BLOCKS.has(name)) return [];
  if (name === "gallery") return figuresFrom(node, ctx, issues);
  if (EMBED_BLOCK.test(name)) {
    const url = typeof attrs.url === "string" ? attrs.url : toText(node).trim().split(/\s+/)[0];
    const e = url ? parseEmbed(url) : null;
    if (e) {
      const caption = findFirst(node, (x) => x.tagName === "figcaption");
      return [el("div", [], { kind: "link-block", url: e.url, label: caption ? `${e.label}: ${toText(caption).trim()}` : e.label })];
    }
  }
  if (name === "footnotes") return [el("div", [], { kind: "footnotes" })];
  if (name === "image" && attrs.id !== undefined) {
    // The block knows its attachment: remember it on the image for alt text.
    const img = findFirst(node, (x) => x.tagName === "img");
    if (img && img.properties.dataId === undefined) img.properties.dataId = String(attrs.id);
  }
  if (TRANSPARENT_BLOCKS.has(name)) return node.children;
  if (!hasContent) {
    const label = name.includes("/") ? name : `core/${name}`;
    return [
      el("div", [], {
        kind: "text-block",
        text: `[WordPress block “${label}” not imported]${issues.add(
          "dynamic-block",
          `block ${label} is generated by WordPress or a plugin and has no content in the export; replace the marker or delete it`,
        )}`,
      }),
    ];
  }
  // An unknown block with HTML of its own: keep the content, tell a person.
  const marker = issues.add("unknown-block", `unknown block ${name}: its HTML was converted as it is; check how it reads`);
  return [el("p", [text(marker)]), ...node.children];
}

function shortcode(node: ShortcodeElement, ctx: ConvertContext, issues: Issues): ElementContent[] {
  const { name, attrs, raw, rawClose, known } = node.data.shortcode;
  if (!known) {
    const marker = issues.add("unknown-shortcode", `unknown shortcode ${raw.length > 80 ? `${raw.slice(0, 77)}…` : raw} was left as text`);
    return [el("span", [], { kind: "text", text: raw + marker }), ...node.children, ...(rawClose ? [text(rawClose)] : [])];
  }
  switch (name) {
    case "caption":
    case "wp_caption": {
      const img = findFirst(node, (x) => x.tagName === "img");
      if (!img) return node.children;
      const captionText = attrs.named.caption ?? textWithout(node, img).trim();
      const attachmentId = /attachment_(\d+)/.exec(attrs.named.id ?? "")?.[1];
      if (attachmentId && img.properties.dataId === undefined) img.properties.dataId = attachmentId;
      const f = imageNote(img, ctx, issues, captionText);
      return f ? [el("figure", [], f)] : [];
    }
    case "gallery": {
      const ids = (attrs.named.ids ?? attrs.named.include ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const list = ids.length ? ids.map((id) => ctx.attachment(id)).filter((a) => a !== undefined) : ctx.attachmentsOfPost();
      if (list.length === 0)
        return [text(`${raw}${issues.add("media", `gallery ${raw} names no images found in the export; add the images by hand`)}`)];
      return list.flatMap((a) => {
        const img = el("img");
        img.properties = { src: a.url, alt: "", dataId: a.id };
        const f = imageNote(img, ctx, issues, a.caption);
        return f ? [el("figure", [], f)] : [];
      });
    }
    case "embed":
    case "youtube":
    case "vimeo": {
      let url = toText(node).trim() || attrs.named.url || attrs.named.src || attrs.named.id || attrs.positional[0] || "";
      if (name === "vimeo" && /^\d+$/.test(url)) url = `https://vimeo.com/${url}`;
      if (name === "youtube" && /^[A-Za-z0-9_-]{6,20}$/.test(url)) url = `https://www.youtube.com/watch?v=${url}`;
      const e = parseEmbed(url);
      if (!e) return [text(`${raw}${issues.add("embed", `embed ${raw} has no address that can be linked; fix it by hand`)}`)];
      return [el("div", [], { kind: "link-block", url: e.url, label: e.label })];
    }
    case "video":
    case "audio": {
      const src =
        ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mp3", "ogg", "oga", "wav", "m4a"].map((k) => attrs.named[k]).find(Boolean) ??
        toText(node).trim();
      if (!src) return [];
      const m = ctx.media(src, "file");
      const label = `${name === "video" ? "Video" : "Audio"}: ${fileName(src)}`;
      return [el("div", [], { kind: "link-block", url: m.url, label: m.issue ? label + issues.add("media", m.issue) : label })];
    }
    case "code":
    case "sourcecode": {
      const lang = (attrs.named.language ?? attrs.named.lang ?? attrs.positional[0] ?? "").replace(/[^A-Za-z0-9+#-]/g, "").toLowerCase();
      const code = el("code", [text(toText(node, { whitespace: "pre" }).replace(/^\n+|\n+$/g, ""))]);
      if (lang) code.properties = { className: [`language-${lang}`] };
      return [el("pre", [code])];
    }
    default:
      // playlist and others the converter knows of but cannot carry: visible, reported.
      return [text(`${raw}${issues.add("unknown-shortcode", `shortcode ${raw} cannot be carried over and was left as text`)}`)];
  }
}

function figure(node: Element, ctx: ConvertContext, issues: Issues): ElementContent[] {
  const imgs = findAll(node, (x) => x.tagName === "img");
  if (imgs.length === 0) return [node];
  if (imgs.length > 1) return figuresFrom(node, ctx, issues);
  // A table, quote or embed in a figure keeps its own conversion.
  if (findFirst(node, (x) => ["table", "blockquote", "iframe", "video", "audio"].includes(x.tagName))) return [node];
  const caption = findFirst(node, (x) => x.tagName === "figcaption");
  const f = imageNote(imgs[0], ctx, issues, caption ? toText(caption).trim() : "");
  return f ? [el("figure", [], f)] : [];
}

/** Every image in a gallery (block, classic markup or figures in a figure), each with its own caption. */
function figuresFrom(node: Element, ctx: ConvertContext, issues: Issues): ElementContent[] {
  const out: ElementContent[] = [];
  const walk = (e: Element, caption: string) => {
    for (const c of e.children) {
      if (c.type !== "element") continue;
      if (c.tagName === "img") {
        const f = imageNote(c, ctx, issues, caption);
        if (f) out.push(el("figure", [], f));
        continue;
      }
      // An item of the gallery: its caption is the figcaption or dd inside it.
      if (["figure", "li", "dl"].includes(c.tagName)) {
        // Its own caption only: a figcaption further down belongs to a nested item.
        const cap = c.children.find(
          (x): x is Element =>
            x.type === "element" && (x.tagName === "figcaption" || (x.tagName === "dd" && hasClass(x, "wp-caption-text"))),
        );
        walk(c, cap ? toText(cap).trim() : caption);
        continue;
      }
      if (c.tagName === "figcaption" || c.tagName === "dd") continue;
      walk(c, caption);
    }
  };
  walk(node, "");
  // The gallery's own caption (block galleries) follows as a paragraph.
  const own = node.children.find((c): c is Element => c.type === "element" && c.tagName === "figcaption");
  if (own && toText(own).trim()) out.push(el("p", [el("em", [text(toText(own).trim())])]));
  return out;
}

function mediaElement(node: Element, ctx: ConvertContext, issues: Issues): ElementContent[] {
  const source = findFirst(node, (x) => x.tagName === "source");
  const src = String(node.properties.src ?? source?.properties.src ?? "");
  if (!src) return [];
  const m = ctx.media(src, "file");
  const label = `${node.tagName === "video" ? "Video" : "Audio"}: ${fileName(src)}`;
  return [el("div", [], { kind: "link-block", url: m.url, label: m.issue ? label + issues.add("media", m.issue) : label })];
}

function link(node: Element, ctx: ConvertContext, issues: Issues): ElementContent[] {
  const href = String(node.properties.href ?? "").trim();
  // Footnote back-links and in-page anchors WordPress adds.
  if (!href || href.startsWith("#")) {
    node.properties = href ? { href } : {};
    return href ? [node] : node.children;
  }
  if (/^(javascript|data|vbscript):/i.test(href))
    return [...node.children, text(issues.add("link", "a script link was removed; its text stays"))];
  const r = ctx.link(href);
  if (!r) return node.children;
  node.properties = { href: r.url };
  if (r.issue) node.children.push(text(issues.add("link", r.issue)));
  return [node];
}

// ---- images --------------------------------------------------------------

const LAZY_SOURCES = ["dataSrc", "dataLazySrc", "dataOrigFile", "dataLargeFile"];

function imageNote(img: Element, ctx: ConvertContext, issues: Issues, caption: string): Extract<WpNote, { kind: "figure" }> | null {
  const p = img.properties;
  let src = String(p.src ?? "");
  if (!src || src.startsWith("data:")) src = LAZY_SOURCES.map((k) => String(p[k] ?? "")).find((s) => s && !s.startsWith("data:")) ?? "";
  if (!src) return null;
  const id =
    p.dataId !== undefined
      ? String(p.dataId)
      : (((p.className as string[] | undefined) ?? []).map((c) => /^wp-image-(\d+)$/.exec(String(c))?.[1]).find(Boolean) ?? "");
  const m = ctx.media(src, "image");
  let alt = String(p.alt ?? "")
    .replace(CONTROL, "")
    .trim();
  if (!alt) {
    const a = id ? ctx.attachment(id) : undefined;
    const fromFile = humanise(fileName(src));
    const [value, from] = a?.alt?.trim()
      ? [a.alt.trim(), "the media library's alt text"]
      : caption
        ? [caption, "its caption"]
        : a?.title?.trim() && !looksLikeFileName(a.title)
          ? [a.title.trim(), "the media library's title"]
          : [fromFile ? `Image: ${fromFile}` : "Image", "its file name"];
    alt = value;
    if (from !== "the media library's alt text")
      alt += issues.add("alt-text", `image ${fileName(src)} had no alt text; “${value}” was taken from ${from}: describe what it shows`);
  }
  if (m.issue) alt += issues.add("media", m.issue);
  return { kind: "figure", src: m.url, alt, caption: caption.replace(CONTROL, "") };
}

export function fileName(src: string): string {
  const path = src.split(/[?#]/)[0];
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
  } catch {
    return path.slice(path.lastIndexOf("/") + 1);
  }
}

const looksLikeFileName = (s: string) => /^(img|dsc|image|photo|screenshot|pxl|wp)[-_ ]?\d/i.test(s.trim()) || /\.\w{3,4}$/.test(s.trim());

/** "back-stretch-1-300x200.jpg" → "back stretch 1". */
export function humanise(file: string): string {
  const base = file
    .replace(/\.[A-Za-z0-9]{2,5}$/, "")
    .replace(/-\d+x\d+$/, "")
    .replace(/-(scaled|rotated|e\d{10,})$/, "");
  if (looksLikeFileName(base) || /^[\d_-]+$/.test(base)) return "";
  const words = base.replace(/[-_]+/g, " ").replace(/\s+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "";
}

// ---- tree helpers --------------------------------------------------------

function findAll(node: Element, test: (e: Element) => boolean, acc: Element[] = []): Element[] {
  for (const c of node.children) {
    if (c.type !== "element") continue;
    if (test(c)) acc.push(c);
    findAll(c, test, acc);
  }
  return acc;
}

function findFirst(node: Element, test: (e: Element) => boolean): Element | undefined {
  for (const c of node.children) {
    if (c.type !== "element") continue;
    if (test(c)) return c;
    const f = findFirst(c, test);
    if (f) return f;
  }
  return undefined;
}

function textWithout(node: Element, skip: Element): string {
  let out = "";
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (c === skip) continue;
      if (c.type === "text") out += c.value;
      else if (c.type === "element") walk(c);
    }
  };
  walk(node);
  return out.replace(/\s+/g, " ");
}

const hasClass = (e: Element, c: string) => ((e.properties.className as string[] | undefined) ?? []).includes(c);
