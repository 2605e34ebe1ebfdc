// What an MDX body contains, read from its syntax tree in one walk per
// concern: headings (the table of contents), links, images, JSX elements with
// their attributes, {…} expressions, ESM statements, claim acceptances and the
// prose that claim rules read. Positions are lines and columns in the file
// (the caller passes where the body starts), so every problem found later can
// point at the spot. Plain data, so it can be cached between runs.
import GithubSlugger from "github-slugger";
import type { Definition, Nodes, Parent, PhrasingContent, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import { visit } from "unist-util-visit";

export type Pos = { line: number; column: number };
export type TocEntry = { depth: 2 | 3; text: string; id: string };

export type AttributeFact = {
  name: string;
  /** A string value, true for a bare attribute (<X flag />), or an expression's source. */
  value: string | true | { expression: string };
  at: Pos;
};
export type ElementFact = { name: string; at: Pos; attributes: AttributeFact[]; spread: boolean; inline: boolean };
export type LinkFact = { url: string; via: "markdown" | "<a>"; at: Pos };
export type ImageFact = { src: string; alt: string | undefined; via: "markdown" | "<img>" | "<Figure>"; at: Pos };
export type AcceptFact = { rule: string; reason: string; at: Pos; fromLine: number; toLine: number };
/** A run of prose (a paragraph, heading, table cell) with a map from its characters back to the file. */
export type ProseBlock = {
  text: string;
  /** [index in text, line, column] at the start of each piece; later characters count on from it. */
  marks: [number, number, number][];
  /** A <Cite> sits in this block: a claim here has a reference beside it. */
  cited: boolean;
  fromLine: number;
  toLine: number;
};

export type BodyFacts = {
  toc: TocEntry[];
  h1: Pos[];
  links: LinkFact[];
  images: ImageFact[];
  elements: ElementFact[];
  expressions: { code: string; at: Pos }[];
  esm: Pos[];
  accepts: AcceptFact[];
  /** Accept comments that do not name a rule and a reason. */
  badAccepts: { text: string; at: Pos }[];
  citations: { id: string; at: Pos }[];
  prose: ProseBlock[];
};

/** Elements whose text is quoted or code, never the publisher's own claim. */
const QUOTING_ELEMENTS = new Set(["blockquote", "q", "cite", "code", "pre", "kbd", "samp"]);
const ACCEPT = /^\s*\/\*\s*accept-claim\b([\s\S]*?)\*\/\s*$/;
const COMMENT_ONLY = /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n?\s*)*$/;

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;
const isJsx = (n: Nodes): n is Jsx => n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement";

/**
 * Facts about one body. `lineOffset` is the number of file lines before the
 * body (the frontmatter), added to every position.
 */
export function bodyFacts(tree: Root, lineOffset = 0): BodyFacts {
  const pos = (n: { position?: { start: { line: number; column: number } } } | undefined): Pos => ({
    line: (n?.position?.start.line ?? 1) + lineOffset,
    column: n?.position?.start.column ?? 1,
  });
  const lines = (n: Nodes | undefined): [number, number] => [
    (n?.position?.start.line ?? 1) + lineOffset,
    (n?.position?.end.line ?? n?.position?.start.line ?? 1) + lineOffset,
  ];

  const facts: BodyFacts = {
    toc: [],
    h1: [],
    links: [],
    images: [],
    elements: [],
    expressions: [],
    esm: [],
    accepts: [],
    badAccepts: [],
    citations: [],
    prose: [],
  };

  const definitions = new Map<string, Definition>();
  visit(tree, "definition", (d) => {
    definitions.set(d.identifier.toLowerCase(), d);
  });

  facts.toc = tableOfContents(tree);
  visit(tree, "heading", (h) => {
    if (h.depth === 1) facts.h1.push(pos(h));
  });

  visit(tree, (node, index, parent) => {
    switch (node.type) {
      case "link":
        facts.links.push({ url: node.url, via: "markdown", at: pos(node) });
        break;
      case "linkReference": {
        const d = definitions.get(node.identifier.toLowerCase());
        if (d) facts.links.push({ url: d.url, via: "markdown", at: pos(node) });
        break;
      }
      case "image":
        facts.images.push({ src: node.url, alt: node.alt ?? "", via: "markdown", at: pos(node) });
        break;
      case "imageReference": {
        const d = definitions.get(node.identifier.toLowerCase());
        if (d) facts.images.push({ src: d.url, alt: node.alt ?? "", via: "markdown", at: pos(node) });
        break;
      }
      case "mdxjsEsm":
        facts.esm.push(pos(node));
        break;
      case "mdxFlowExpression":
      case "mdxTextExpression": {
        const accept = ACCEPT.exec(node.value);
        if (accept) {
          const m = /^\s*([a-z0-9][a-z0-9-]*)\s*:\s*(\S[\s\S]*?)\s*$/i.exec(accept[1]);
          // A comment on its own line covers the block after it; inside a paragraph, that paragraph.
          const covered = node.type === "mdxFlowExpression" && parent && index !== undefined ? parent.children[index + 1] : parent;
          const [fromLine, toLine] = lines(covered as Nodes | undefined);
          if (m) facts.accepts.push({ rule: m[1], reason: m[2], at: pos(node), fromLine, toLine });
          else facts.badAccepts.push({ text: node.value.trim(), at: pos(node) });
        } else if (!COMMENT_ONLY.test(node.value)) facts.expressions.push({ code: node.value.trim(), at: pos(node) });
        break;
      }
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        recordElement(node);
        break;
    }
  });

  function recordElement(node: Jsx) {
    if (node.name === null) return; // a fragment <>…</> has no name to check
    const attributes: AttributeFact[] = [];
    let spread = false;
    for (const a of node.attributes) {
      if (a.type === "mdxJsxExpressionAttribute") {
        spread = true;
        continue;
      }
      const value: AttributeFact["value"] =
        a.value === null || a.value === undefined ? true : typeof a.value === "string" ? a.value : { expression: a.value.value };
      attributes.push({ name: a.name, value, at: a.position ? pos(a) : pos(node) });
    }
    const fact: ElementFact = { name: node.name, at: pos(node), attributes, spread, inline: node.type === "mdxJsxTextElement" };
    facts.elements.push(fact);
    const attr = (name: string) => {
      const v = attributes.find((x) => x.name === name)?.value;
      return typeof v === "string" ? v : undefined;
    };
    if (node.name === "a" && attr("href") !== undefined) facts.links.push({ url: attr("href")!, via: "<a>", at: fact.at });
    if (node.name === "img") facts.images.push({ src: attr("src") ?? "", alt: attr("alt"), via: "<img>", at: fact.at });
    if (node.name === "Figure") facts.images.push({ src: attr("src") ?? "", alt: attr("alt"), via: "<Figure>", at: fact.at });
    if (node.name === "Cite")
      for (const id of (attr("id") ?? "").split(/[\s,]+/).filter(Boolean)) facts.citations.push({ id, at: fact.at });
  }

  collectProse(tree, facts.prose, lineOffset);
  return facts;
}

/**
 * Headings ## and ### with the ids the rendered page gives them: one slugger
 * over every heading in order, as rehype-slug does.
 */
export function tableOfContents(tree: Root): TocEntry[] {
  const slugger = new GithubSlugger();
  const toc: TocEntry[] = [];
  visit(tree, "heading", (h) => {
    const text = toString(h, { includeImageAlt: false }).trim();
    const id = slugger.slug(text);
    if (h.depth === 2 || h.depth === 3) toc.push({ depth: h.depth, text, id });
  });
  return toc;
}

/** Product ids the body embeds with <ProductCard id="…" />, in order. */
export function productIds(tree: Root): string[] {
  const ids: string[] = [];
  visit(tree, (n) => {
    if (!isJsx(n as Nodes) || (n as Jsx).name !== "ProductCard") return;
    const id = (n as Jsx).attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === "id");
    if (id && typeof id.value === "string") ids.push(id.value);
  });
  return ids;
}

/** Prose blocks outside code and quotations, with a position for every character. */
function collectProse(tree: Root, out: ProseBlock[], lineOffset: number) {
  const walk = (node: Nodes) => {
    if (node.type === "code" || node.type === "blockquote" || node.type === "html") return;
    if (isJsx(node) && node.name && QUOTING_ELEMENTS.has(node.name)) return;
    if (node.type === "paragraph" || node.type === "heading" || node.type === "tableCell") {
      const block: ProseBlock = {
        text: "",
        marks: [],
        cited: false,
        fromLine: (node.position?.start.line ?? 1) + lineOffset,
        toLine: (node.position?.end.line ?? 1) + lineOffset,
      };
      phrasing(node.children, block, lineOffset);
      if (block.text.trim()) out.push(block);
      return;
    }
    if ("children" in node) for (const c of (node as Parent).children) walk(c as Nodes);
  };
  walk(tree);
}

function phrasing(children: (PhrasingContent | RootContent)[], block: ProseBlock, lineOffset: number) {
  for (const c of children) {
    if (c.type === "text") {
      const start = c.position?.start;
      if (start) block.marks.push([block.text.length, start.line + lineOffset, start.column]);
      block.text += c.value;
    } else if (c.type === "inlineCode" || c.type === "break") {
      block.text += " ";
    } else if (isJsx(c as Nodes)) {
      const el = c as Jsx;
      if (el.name === "Cite") block.cited = true;
      if (el.name && QUOTING_ELEMENTS.has(el.name)) block.text += " ";
      else phrasing(el.children as PhrasingContent[], block, lineOffset);
    } else if ("children" in c) phrasing((c as Parent).children as PhrasingContent[], block, lineOffset);
  }
}

/** Where character `index` of a prose block sits in the file. */
export function proseAt(block: ProseBlock, index: number): Pos {
  let mark = block.marks[0] ?? [0, block.fromLine, 1];
  for (const m of block.marks) if (m[0] <= index) mark = m;
  const before = block.text.slice(mark[0], index);
  const newline = before.lastIndexOf("\n");
  if (newline === -1) return { line: mark[1], column: mark[2] + before.length };
  // Continuation lines of a paragraph: count the line, and columns from the line's own start.
  return { line: mark[1] + before.split("\n").length - 1, column: before.length - newline };
}
