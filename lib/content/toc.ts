import type { Root } from "mdast";
import { productIds, tableOfContents, type BodyFacts, type TocEntry } from "./body-facts";
import { parseMdx } from "./mdx-tree";
import { citationOrder } from "./references";
import { splitFrontmatter } from "./source";

export type { TocEntry } from "./body-facts";

/** What the page needs from a body's structure: its table of contents, the order references are cited in, the products it embeds. */
export type BodyOutline = { toc: TocEntry[]; citations: string[]; products: string[] };

// contentlayer2 computes `toc` and `citations` for each document, and
// content:check has usually parsed the same body a moment earlier in the same
// process (contentlayer loads its own bundled copy of this module, hence a
// global rather than a module variable). Keyed by the body's text, so a
// changed body is parsed again; bounded so `contentlayer2 dev` does not grow.
const MEMO_KEY = Symbol.for("spine-press.body-outlines");
const memo: Map<string, BodyOutline> = ((globalThis as Record<symbol, unknown>)[MEMO_KEY] as Map<string, BodyOutline>) ?? new Map();
(globalThis as Record<symbol, unknown>)[MEMO_KEY] = memo;
const MEMO_LIMIT = 5000;

export function rememberOutline(body: string, outline: BodyOutline) {
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(body, outline);
}

/** The outline of an MDX body; a body that is not valid MDX has an empty one (the check reports it). */
export function bodyOutline(body: string): BodyOutline {
  const known = memo.get(body);
  if (known) return known;
  const { tree } = parseMdx(body);
  const outline = tree ? { toc: tableOfContents(tree), citations: citationOrder(tree), products: productIds(tree) } : { toc: [], citations: [], products: [] };
  rememberOutline(body, outline);
  return outline;
}

/**
 * Headings (## and ###, ATX or setext) of an MDX body, with the same ids
 * rehype-slug gives them, so the table of contents links land on the rendered
 * headings. Read from the syntax tree: a "## " inside a code block is not a
 * heading.
 */
export function extractToc(markdown: string): TocEntry[] {
  return bodyOutline(markdown).toc;
}

/** The outline from facts the check already has (no second parse). */
export function outlineOf(facts: Pick<BodyFacts, "toc" | "citations" | "elements">): BodyOutline {
  return {
    toc: facts.toc,
    citations: [...new Set(facts.citations.map((c) => c.id))],
    products: facts.elements.flatMap((e) => {
      const id = e.name === "ProductCard" ? e.attributes.find((a) => a.name === "id")?.value : undefined;
      return typeof id === "string" ? [id] : [];
    }),
  };
}

/**
 * remark plugin for contentlayer2's MDX compile: records each body's outline
 * from the tree the compile has already parsed, so the `toc` and `citations`
 * computed fields (resolved right after) do not parse the body a second time.
 */
export function remarkOutline() {
  return (tree: Root, file: { value?: unknown }) => {
    if (typeof file.value !== "string") return;
    // contentlayer compiles the whole file; the computed fields see only the body after the frontmatter.
    const split = splitFrontmatter(file.value);
    const body = "error" in split ? file.value : split.body;
    rememberOutline(body, { toc: tableOfContents(tree), citations: citationOrder(tree), products: productIds(tree) });
  };
}
