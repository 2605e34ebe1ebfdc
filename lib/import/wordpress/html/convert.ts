/**
 * HTML of a WordPress post → MDX that compiles: the prepared HTML tree
 * (prepare.ts) goes through hast-util-to-mdast (rehype-remark's engine) with
 * handlers for what prepare noted (figures, embeds as links, placeholders,
 * footnotes), a few passes over the Markdown tree (figures out of
 * paragraphs, a paragraph of images alone becomes figures), and
 * remark-stringify with the MDX and GFM extensions, which escapes whatever
 * MDX would read as syntax. `<`, `{` and `}` in text are written as
 * character references rather than backslash escapes so that no check that
 * scans the raw text mistakes them for a tag or an expression; `import` and
 * `export` at the start of a line are escaped the same way.
 *
 * The result is parsed back as MDX before it is accepted; if that ever
 * fails the post is converted again as plain paragraphs and reported, so an
 * import never writes a file the build rejects.
 *
 * Issues (an unknown shortcode, a filled-in alt text) are tied to their
 * place by a private-use marker put in the text during conversion; after
 * stringifying, each marker's line is read and the marker removed.
 */
import type { Element, ElementData, Root as HastRoot } from "hast";
import { toMdast, type Handle, type State } from "hast-util-to-mdast";
import { toText } from "hast-util-to-text";
import GithubSlugger from "github-slugger";
import type { Heading, Link, Nodes, Paragraph, PhrasingContent, Root, RootContent, Text } from "mdast";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import { toString } from "mdast-util-to-string";
import { gfmFootnoteToMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughToMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableToMarkdown } from "mdast-util-gfm-table";
import remarkMdx from "remark-mdx";
import remarkStringify, { type Options as StringifyOptions } from "remark-stringify";
import { parse, postprocess, preprocess } from "micromark";
import { mdxjs } from "micromark-extension-mdxjs";
import { unified, type Processor } from "unified";
import { visit } from "unist-util-visit";
import { noteOf, parseHtml, prepare, type ConvertContext, type IssueCode, type Issues } from "./prepare";

export type BodyIssue = { code: IssueCode; message: string; line: number };
export type Converted = {
  mdx: string;
  /** The text a reader sees, for descriptions and excerpts. */
  text: string;
  issues: BodyIssue[];
  /** Figures in order (src, alt without markers), e.g. to pick a hero image. */
  figures: { src: string; alt: string }[];
};

const MARK_OPEN = "\ue000";
const MARK_CLOSE = "\ue001";
const MARKERS = /\ue000(\d+)\ue001/g;

class IssueList implements Issues {
  readonly list: { code: IssueCode; message: string }[] = [];
  add(code: IssueCode, message: string): string {
    this.list.push({ code, message });
    return `${MARK_OPEN}${this.list.length - 1}${MARK_CLOSE}`;
  }
}

const stringifyOptions: StringifyOptions = {
  bullet: "-",
  emphasis: "_",
  strong: "*",
  fences: true,
  rule: "-",
  listItemIndent: "one",
  resourceLink: false,
  // MDX reads `import`/`export` at the start of a line as JavaScript.
  unsafe: [
    { character: "i", atBreak: true, after: "mport\\b" },
    { character: "e", atBreak: true, after: "xport\\b" },
  ],
  handlers: {
    text(node: Text, _parent, state, info) {
      return state.safe(node.value, info).replace(/\\</g, "&lt;").replace(/\\\{/g, "&#123;").replace(/\\\}/g, "&#125;");
    },
  },
};

// GFM's tables, footnotes and strikethrough, but not its autolink-literal escaping: a bare address in
// the text stays readable ("https://example.org", not "https\\://example\\.org") and the site's
// remark-gfm makes it a link.
function gfmWithoutAutolinkEscapes(this: Processor) {
  const data = this.data();
  (data.toMarkdownExtensions ??= []).push(gfmFootnoteToMarkdown(), gfmStrikethroughToMarkdown(), gfmTableToMarkdown());
}
const stringifier = unified().use(remarkMdx).use(gfmWithoutAutolinkEscapes).use(remarkStringify, stringifyOptions);
// The syntax check: micromark's tokenizer with the MDX extensions throws on anything MDX
// cannot parse (a stray tag, an expression acorn refuses, import/export), without building a tree
// (half the cost of a full parse). Tag balance needs the tree, but this converter only writes
// childless, self-closing components, so there is none to get wrong.
// GFM is left out: it never makes text invalid, and its tokenizers cost a third of the check.
const SYNTAX = [mdxjs()];
export function assertMdxSyntax(text: string): void {
  postprocess(
    parse({ extensions: SYNTAX })
      .document()
      .write(preprocess()(text, undefined, true)),
  );
}

export function convertBody(html: string, ctx: ConvertContext): Converted {
  const issues = new IssueList();
  let mdast: Root;
  try {
    const hast = prepare(html, ctx, issues);
    mdast = toMarkdownTree(hast, ctx, issues);
  } catch (e) {
    return plain(html, issues, `the post could not be converted (${(e as Error).message}); it was imported as plain paragraphs`);
  }
  const figures: Converted["figures"] = [];
  visit(mdast, "mdxJsxFlowElement", (n: MdxJsxFlowElement) => {
    if (n.name !== "Figure") return;
    const attr = (k: string) => String(n.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === k)?.value ?? "");
    figures.push({ src: attr("src"), alt: attr("alt").replace(MARKERS, "") });
  });
  let out: string;
  try {
    out = String(stringifier.stringify(mdast));
    assertMdxSyntax(out.replace(MARKERS, ""));
  } catch (e) {
    return plain(html, issues, `the converted post was not valid MDX (${(e as Error).message}); it was imported as plain paragraphs`);
  }
  // Block by block, so paragraphs do not run into each other.
  const text = mdast.children
    .filter((n) => n.type !== "mdxJsxFlowElement" && n.type !== "code")
    .map((n) => toString(n))
    .join("\n\n")
    .replace(MARKERS, "");
  return { ...locate(out, issues), text, figures };
}

/**
 * Reads each marker's line and removes the markers, dropping the blank lines
 * a marker-only paragraph leaves behind; a marker on a line that ends up
 * empty belongs to the next line with content.
 */
function locate(out: string, issues: IssueList): { mdx: string; issues: BodyIssue[] } {
  const found: BodyIssue[] = [];
  const seen = new Set<number>();
  const lines: string[] = [];
  let pending: number[] = [];
  let fence: string | null = null;
  const attach = (line: number) => {
    for (const k of pending) if (issues.list[k]) found.push({ ...issues.list[k], line });
    pending = [];
  };
  for (const raw of out.split("\n")) {
    let line = raw;
    if (raw.includes(MARK_OPEN))
      line = raw.replace(MARKERS, (_m, n: string) => {
        const k = Number(n);
        if (!seen.has(k)) pending.push(k);
        seen.add(k);
        return "";
      });
    // Code blocks keep their blank lines exactly.
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null;
      lines.push(line);
      continue;
    }
    if (f) fence = f;
    const blank = line.trim() === "";
    if (blank && (lines.length === 0 || lines[lines.length - 1] === "")) continue;
    lines.push(blank ? "" : line);
    if (!blank) attach(lines.length);
  }
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  attach(Math.max(1, lines.length));
  // Markers dropped with their content (inside removed elements) still count, without a line.
  issues.list.forEach((x, k) => {
    if (!seen.has(k)) found.push({ ...x, line: 0 });
  });
  found.sort((a, b) => (a.line || Infinity) - (b.line || Infinity));
  return { mdx: `${lines.join("\n")}\n`, issues: found };
}

/** The fallback: the post's text as paragraphs, nothing else. Always valid MDX. */
function plain(html: string, issues: IssueList, why: string): Converted {
  const text = toText(parseHtml(html), { whitespace: "normal" })
    .replace(/\[\/?[A-Za-z0-9_-]+[^\]]*\]/g, (m) => m)
    .trim();
  const root: Root = {
    type: "root",
    children: text
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p): Paragraph => ({ type: "paragraph", children: [{ type: "text", value: p }] })),
  };
  issues.list.length = 0;
  const marker = issues.add("plain-text", why);
  const first = root.children[0] as Paragraph | undefined;
  if (first) (first.children[0] as Text).value += marker;
  else root.children.push({ type: "paragraph", children: [{ type: "text", value: marker }] });
  const out = String(stringifier.stringify(root));
  return { ...locate(out, issues), text, figures: [] };
}

// ---- hast → mdast --------------------------------------------------------

function jsx(name: string, attrs: Record<string, string>): MdxJsxFlowElement {
  return {
    type: "mdxJsxFlowElement",
    name,
    attributes: Object.entries(attrs)
      .filter(([, v]) => v !== "")
      .map(([k, v]) => ({ type: "mdxJsxAttribute", name: k, value: v })),
    children: [],
  };
}

function toMarkdownTree(hast: HastRoot, _ctx: ConvertContext, issues: Issues): Root {
  const footnoteIds: string[] = [];
  const headingShift = hasH1(hast) ? 1 : 0;
  const ctxFootnotes = _ctx.footnotes;
  // Footnotes referenced in the text but without a footnotes block go at the end.
  if (ctxFootnotes.length && !hasFootnotesBlock(hast))
    hast.children.push({
      type: "element",
      tagName: "div",
      properties: {},
      children: [],
      data: { wp: { kind: "footnotes" } } as ElementData,
    });

  const noted: Handle = (state: State, node: Element) => {
    const note = noteOf(node);
    if (!note) return state.toFlow(state.all(node));
    switch (note.kind) {
      case "figure":
        return jsx("Figure", { src: note.src, alt: note.alt, caption: note.caption });
      case "link-block":
        return { type: "paragraph", children: [{ type: "link", url: note.url, children: [{ type: "text", value: note.label }] }] };
      case "text-block":
        return { type: "paragraph", children: [{ type: "text", value: note.text }] };
      case "text":
        return { type: "text", value: note.text };
      case "footnotes":
        return footnoteDefinitions(state);
    }
  };

  const footnoteDefinitions = (state: State): RootContent[] =>
    ctxFootnotes
      .filter((f) => footnoteIds.includes(f.id))
      .map((f) => ({
        type: "footnoteDefinition",
        identifier: String(footnoteIds.indexOf(f.id) + 1),
        label: String(footnoteIds.indexOf(f.id) + 1),
        children: [{ type: "paragraph", children: state.all(parseHtml(f.content)) as PhrasingContent[] }],
      }));

  const heading: Handle = (state, node) => {
    const depth = Math.min(6, Number(node.tagName.charAt(1)) + headingShift) as Heading["depth"];
    const children = state.all(node) as PhrasingContent[];
    const id = typeof node.properties.id === "string" ? node.properties.id : undefined;
    return { type: "heading", depth, children, ...(id ? { data: { originalId: id } } : {}) } as Heading;
  };

  const mdast = toMdast(hast, {
    handlers: {
      figure: noted,
      div: noted,
      p: (state, node) => {
        const note = noteOf(node);
        if (note) return noted(state, node, undefined);
        const children = state.all(node);
        return children.length ? ({ type: "paragraph", children } as Paragraph) : undefined;
      },
      span: (state, node) => {
        const note = noteOf(node);
        return note && note.kind === "text" ? { type: "text", value: note.text } : state.all(node);
      },
      h1: heading,
      h2: heading,
      h3: heading,
      h4: heading,
      h5: heading,
      h6: heading,
      sup: (state, node) => {
        const id = node.properties.dataFn;
        if (typeof id === "string" && ctxFootnotes.some((f) => f.id === id)) {
          if (!footnoteIds.includes(id)) footnoteIds.push(id);
          const n = String(footnoteIds.indexOf(id) + 1);
          return { type: "footnoteReference", identifier: n, label: n };
        }
        return state.all(node);
      },
    },
    nodeHandlers: { comment: () => undefined },
  }) as Root;

  liftFlowOutOfParagraphs(mdast);
  imagesAloneToFigures(mdast);
  fixInPageLinks(mdast, issues);
  tidy(mdast);
  return mdast;
}

/**
 * Links to a place on the same page (`#section`): the site gives headings ids made from their text
 * (rehype-slug, GitHub's rules), so a link keeps working only if it names one of those. A link to a
 * heading's old id is pointed at its new one; a link to anything else (a theme's #wrapper, a named
 * anchor the import does not keep) is removed, its text kept, and reported.
 */
function fixInPageLinks(root: Root, issues: Issues): void {
  const slugger = new GithubSlugger();
  const slugs = new Set<string>();
  const renamed = new Map<string, string>();
  visit(root, "heading", (h: Heading) => {
    const slug = slugger.slug(toString(h).replace(MARKERS, ""));
    slugs.add(slug);
    const original = (h.data as { originalId?: string } | undefined)?.originalId;
    if (original && !renamed.has(original)) renamed.set(original, slug);
  });
  visit(root, "link", (link: Link, index, parent) => {
    if (!link.url.startsWith("#") || !parent || index === undefined) return;
    let target: string;
    try {
      target = decodeURIComponent(link.url.slice(1));
    } catch {
      target = link.url.slice(1);
    }
    if (slugs.has(target)) return;
    const moved = renamed.get(target);
    if (moved) {
      link.url = `#${moved}`;
      return;
    }
    const note: Text = {
      type: "text",
      value: issues.add(
        "link",
        `an in-page link to #${target} pointed at nothing on the imported page; the link was removed, its text kept`,
      ),
    };
    parent.children.splice(index, 1, ...(link.children as PhrasingContent[]), note);
    return index + link.children.length + 1;
  });
}

function hasH1(hast: HastRoot): boolean {
  let found = false;
  visit(hast, "element", (e: Element) => {
    if (e.tagName === "h1") found = true;
  });
  return found;
}

function hasFootnotesBlock(hast: HastRoot): boolean {
  let found = false;
  visit(hast, "element", (e: Element) => {
    if (noteOf(e)?.kind === "footnotes") found = true;
  });
  return found;
}

type Parent = { children: RootContent[] };
const isFlowJsx = (n: Nodes) => n.type === "mdxJsxFlowElement";

/** A figure (or other flow element) that ended up inside a paragraph or link splits it. */
function liftFlowOutOfParagraphs(root: Root): void {
  const walk = (parent: Parent) => {
    const out: RootContent[] = [];
    for (const child of parent.children) {
      if ((child.type === "paragraph" || child.type === "heading") && containsFlow(child)) {
        let current: PhrasingContent[] = [];
        const flush = () => {
          if (current.some((c) => !(c.type === "text" && !c.value.trim()) && c.type !== "break"))
            out.push({ ...child, children: current } as RootContent);
          current = [];
        };
        for (const c of flatten(child.children as Nodes[])) {
          if (isFlowJsx(c)) {
            flush();
            out.push(c as RootContent);
          } else current.push(c as PhrasingContent);
        }
        flush();
        continue;
      }
      if ("children" in child && Array.isArray(child.children)) walk(child as Parent);
      out.push(child);
    }
    parent.children = out;
  };
  walk(root as Parent);
}

function containsFlow(n: Nodes): boolean {
  return "children" in n && (n.children as Nodes[]).some((c) => isFlowJsx(c) || containsFlow(c));
}

/** Phrasing with flow elements pulled up; a link around a figure is dropped (the figure shows the image). */
function flatten(children: Nodes[]): Nodes[] {
  const out: Nodes[] = [];
  for (const c of children) {
    if (isFlowJsx(c)) out.push(c);
    else if ("children" in c && containsFlow(c)) {
      const inner = flatten(c.children as Nodes[]);
      const rest = inner.filter((x) => !isFlowJsx(x));
      if (c.type === "link" && rest.every((x) => x.type === "text" && !x.value.trim())) out.push(...inner.filter(isFlowJsx));
      else
        for (const x of inner) {
          if (isFlowJsx(x)) out.push(x);
          else out.push({ ...c, children: [x] } as Nodes);
        }
    } else out.push(c);
  }
  return out;
}

/** A paragraph holding only images (each maybe linked to its own file) becomes figures. */
function imagesAloneToFigures(root: Root): void {
  const walk = (parent: Parent) => {
    parent.children = parent.children.flatMap((child): RootContent[] => {
      if (child.type === "paragraph") {
        const meaningful = child.children.filter((c) => !(c.type === "text" && !c.value.trim()) && c.type !== "break");
        const images = meaningful.map((c) =>
          c.type === "image" ? c : c.type === "link" && c.children.length === 1 && c.children[0].type === "image" ? c.children[0] : null,
        );
        if (meaningful.length > 0 && images.every((x) => x !== null)) {
          // A link to somewhere other than an image file is kept: the image stays inline.
          const linksElsewhere = meaningful.some((c) => c.type === "link" && !/\.(jpe?g|png|gif|webp|avif|svg)(\?|$)/i.test(c.url));
          if (!linksElsewhere) return images.map((img) => jsx("Figure", { src: img!.url, alt: img!.alt ?? "" }));
        }
        return [child];
      }
      if ("children" in child && Array.isArray(child.children)) walk(child as Parent);
      return [child];
    });
  };
  walk(root as Parent);
}

/** Empty paragraphs and breaks at paragraph edges, left by removed elements. */
function tidy(root: Root): void {
  const walk = (parent: Parent) => {
    parent.children = parent.children.filter((child) => {
      if ("children" in child && Array.isArray(child.children)) walk(child as Parent);
      if (child.type === "paragraph") {
        const kids = child.children;
        while (kids.length && kids[0].type === "break") kids.shift();
        while (kids.length && kids[kids.length - 1].type === "break") kids.pop();
        return kids.some((c) => !(c.type === "text" && !c.value.trim()));
      }
      if (child.type === "html") return false;
      return true;
    });
  };
  walk(root as Parent);
}
