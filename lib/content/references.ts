// References as data: an article's `references` list (DOI, PubMed id or URL,
// with title, authors, year, publisher), cited in the text with
// <Cite id="…" />. Citations are numbered in the order they first appear, and
// the References section lists them in that order.
import type { Root } from "mdast";
import type { MdxJsxAttribute } from "mdast-util-mdx-jsx";
import { visit } from "unist-util-visit";

export type Reference = {
  id: string;
  title: string;
  authors?: string[];
  year?: number;
  publisher?: string;
  doi?: string;
  pmid?: number;
  url?: string;
};

/** Crossref's pattern for modern DOIs: 10.<registrant>/<suffix>. */
const DOI = /^10\.\d{4,9}\/[-._;()/:a-z0-9<>[\]]+$/i;
const ID = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

type Problem = { field: string; message: string; severity: "error" | "warning" };

export function referenceProblems(refs: Record<string, unknown>[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, number>();
  const thisYear = new Date().getUTCFullYear();
  refs.forEach((r, i) => {
    const f = (name: string) => `references[${i}].${name}`;
    const id = typeof r.id === "string" ? r.id : undefined;
    if (id !== undefined) {
      if (!ID.test(id)) out.push({ field: f("id"), severity: "error", message: `reference id "${id}" must be lower-case letters and digits joined by hyphens, e.g. hayden-2021` });
      const first = seen.get(id);
      if (first !== undefined) out.push({ field: f("id"), severity: "error", message: `reference id "${id}" is also used by reference ${first + 1}; each needs its own id` });
      else seen.set(id, i);
    }
    if (r.doi === undefined && r.pmid === undefined && r.url === undefined)
      out.push({ field: `references[${i}]`, severity: "error", message: `reference "${id ?? i + 1}" needs a doi, a pmid or a url so readers can find it` });
    if (typeof r.doi === "string") {
      const bare = r.doi.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, "");
      if (bare !== r.doi && DOI.test(bare)) out.push({ field: f("doi"), severity: "error", message: `write the DOI on its own: ${bare}` });
      else if (!DOI.test(r.doi)) out.push({ field: f("doi"), severity: "error", message: `doi "${r.doi}" is not a DOI; a DOI looks like 10.1000/xyz123` });
    }
    if (r.pmid !== undefined && (typeof r.pmid !== "number" || !Number.isInteger(r.pmid) || r.pmid < 1 || r.pmid > 99_999_999))
      out.push({ field: f("pmid"), severity: "error", message: `pmid ${String(r.pmid)} is not a PubMed id; it is a number of up to 8 digits, e.g. 31234567` });
    if (typeof r.url === "string") {
      let ok = false;
      try {
        ok = new URL(r.url).protocol === "https:";
      } catch {
        ok = false;
      }
      if (!ok) out.push({ field: f("url"), severity: "error", message: `url "${r.url}" must be a full https:// address` });
    }
    if (typeof r.year === "number" && (r.year < 1800 || r.year > thisYear + 1))
      out.push({ field: f("year"), severity: "error", message: `year ${r.year} is not a plausible publication year` });
  });
  return out;
}

/** The link a reader follows for a reference: DOI first, then PubMed, then the URL. */
export function referenceHref(r: Pick<Reference, "doi" | "pmid" | "url">): string | undefined {
  if (r.doi) return `https://doi.org/${r.doi}`;
  if (r.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/`;
  return r.url;
}

const isCite = (n: { type: string; name?: string | null }) => (n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement") && n.name === "Cite";

function citeIds(node: { attributes: (MdxJsxAttribute | { type: string })[] }): string[] {
  const a = node.attributes.find((x): x is MdxJsxAttribute => x.type === "mdxJsxAttribute" && (x as MdxJsxAttribute).name === "id");
  return typeof a?.value === "string" ? a.value.split(/[\s,]+/).filter(Boolean) : [];
}

/** Cited ids in the order they first appear. */
export function citationOrder(tree: Root): string[] {
  const order: string[] = [];
  visit(tree, (n) => {
    if (isCite(n as never)) for (const id of citeIds(n as never)) if (!order.includes(id)) order.push(id);
  });
  return order;
}

/**
 * remark plugin for the MDX compile: gives each <Cite> its numbers (n="1,3"),
 * in order of first appearance, so the rendered superscripts match the
 * References section without the component knowing the article.
 */
export function remarkCitations() {
  return (tree: Root) => {
    const order = citationOrder(tree);
    visit(tree, (n) => {
      if (!isCite(n as never)) return;
      const el = n as unknown as { attributes: (MdxJsxAttribute | { type: string; name?: string })[] };
      const numbers = citeIds(el as never).map((id) => order.indexOf(id) + 1);
      el.attributes = el.attributes.filter((a) => a.name !== "n");
      el.attributes.push({ type: "mdxJsxAttribute", name: "n", value: numbers.join(",") } as MdxJsxAttribute);
    });
  };
}

/** The article's references in citation order (uncited ones last), numbered as the text cites them. */
export function numberedReferences(references: Reference[], order: string[]): (Reference & { n: number })[] {
  const cited = order.flatMap((id) => references.filter((r) => r.id === id));
  const rest = references.filter((r) => !order.includes(r.id));
  return [...cited, ...rest].map((r, i) => ({ ...r, n: i + 1 }));
}

/** An article's references ready for the page: numbered as cited, each with the link a reader follows. */
export function articleReferences(article: { references?: unknown; citations?: unknown }): (Reference & { n: number; href?: string })[] {
  const refs = (Array.isArray(article.references) ? article.references : []) as Reference[];
  const order = Array.isArray(article.citations) ? (article.citations as string[]) : [];
  return numberedReferences(refs, order).map((r) => ({ ...r, href: referenceHref(r) }));
}
