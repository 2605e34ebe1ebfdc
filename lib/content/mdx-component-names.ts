/**
 * The components an editor may use inside MDX, with their props. The
 * renderer's component map is typed against this list, and the check rejects
 * any other capitalised tag, unknown or missing props and values of the wrong
 * kind, so a typo fails the check instead of the page.
 */
export const MDX_COMPONENT_NAMES = ["ProductCard", "Recommendations", "Callout", "Figure", "ArticleTeaser", "Cite"] as const;
export type MdxComponentName = (typeof MDX_COMPONENT_NAMES)[number];

export const CALLOUT_TYPES = ["note", "tip", "warning"] as const;

export type PropSpec = { kind: "text" | "number"; required?: boolean; options?: readonly string[] };

export const MDX_COMPONENT_PROPS: Record<MdxComponentName, Record<string, PropSpec>> = {
  ProductCard: { id: { kind: "text", required: true } },
  Recommendations: { set: { kind: "text" } },
  Callout: { type: { kind: "text", options: CALLOUT_TYPES }, title: { kind: "text" } },
  Figure: {
    src: { kind: "text", required: true },
    alt: { kind: "text", required: true },
    caption: { kind: "text" },
    width: { kind: "number" },
    height: { kind: "number" },
  },
  ArticleTeaser: { slug: { kind: "text", required: true } },
  Cite: { id: { kind: "text", required: true } },
};

/**
 * Lower-case (HTML) elements MDX may contain: inline formatting, lists,
 * tables, quotations, details. Anything else lower-case is most likely a
 * component written in the wrong case (<callout>) and is refused.
 */
export const HTML_ELEMENTS = new Set([
  "a",
  "abbr",
  "b",
  "blockquote",
  "br",
  "caption",
  "cite",
  "code",
  "dd",
  "del",
  "details",
  "dfn",
  "div",
  "dl",
  "dt",
  "em",
  "figcaption",
  "figure",
  "hr",
  "i",
  "img",
  "ins",
  "kbd",
  "li",
  "mark",
  "ol",
  "p",
  "pre",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "time",
  "tr",
  "u",
  "ul",
  "var",
  "wbr",
]);
