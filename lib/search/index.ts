import MiniSearch, { type SearchResult } from "minisearch";
import { escapeHtml } from "../text/html";

/**
 * Site search (decision 0017): a MiniSearch index of the articles, built at
 * build time and queried in the server's memory. Prefix and typo-tolerant
 * matching, ranked title > subtitle > headings > body. The index holds
 * published and scheduled articles (never drafts); a scheduled one is
 * filtered out until its time, so it appears in results the moment it goes
 * live, without a rebuild.
 */
export type SearchDoc = {
  slug: string;
  title: string;
  subtitle: string;
  headings: string;
  body: string;
  description: string;
  url: string;
  category: string;
  /** Milliseconds since the epoch. */
  published: number;
};

export type SearchHit = {
  slug: string;
  title: string;
  url: string;
  description: string;
  category: string;
  published: number;
  snippetHtml: string;
};
export type SearchAnswer = { query: string; terms: string[]; hits: SearchHit[]; total: number };

/** A query is at most this long and this many words; more is cut, not refused. */
export const QUERY_LIMITS = { chars: 100, terms: 8 } as const;

const OPTIONS = {
  idField: "slug",
  fields: ["title", "subtitle", "headings", "body"],
  storeFields: ["title", "url", "description", "category", "published", "body"],
  searchOptions: { boost: { title: 4, subtitle: 2.5, headings: 1.8, body: 1 }, prefix: true, fuzzy: 0.2, combineWith: "AND" as const },
};

/** The index as JSON, for the build to write next to the content. */
export function buildSearchIndex(docs: SearchDoc[]): string {
  const index = new MiniSearch<SearchDoc>(OPTIONS);
  index.addAll(docs);
  return JSON.stringify(index);
}

export type SearchIndex = MiniSearch<SearchDoc>;

export function loadSearchIndex(json: string): SearchIndex {
  return MiniSearch.loadJSON<SearchDoc>(json, OPTIONS);
}

/** The words of a query, bounded: control characters and extra words dropped, each word at most 40 characters. */
export function queryTerms(raw: string): { query: string; terms: string[] } {
  const query = raw
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .slice(0, QUERY_LIMITS.chars)
    .trim();
  const terms = query
    .split(/[\s,.;:!?()"'“”‘’]+/u)
    .filter((t) => t.length > 0)
    .slice(0, QUERY_LIMITS.terms)
    .map((t) => t.slice(0, 40));
  return { query: terms.join(" "), terms };
}

export function searchArticles(
  index: SearchIndex,
  raw: string,
  opts: { now: Date; category?: string; limit?: number; isPublished?: (slug: string) => boolean },
): SearchAnswer {
  const { query, terms } = queryTerms(raw);
  if (terms.length === 0) return { query, terms, hits: [], total: 0 };
  // The site passes its own rule (the publication's zone is applied at run time, decision 0018); the stored time is the fallback.
  const published = (r: SearchResult) =>
    opts.isPublished ? opts.isPublished(r.id as string) : (r.published as number) <= opts.now.getTime();
  const live = (r: SearchResult) => published(r) && (!opts.category || r.category === opts.category);
  let results = index.search(query, { filter: live });
  // Every word must match (AND); when nothing does, fall back to any word.
  if (results.length === 0 && terms.length > 1) results = index.search(query, { filter: live, combineWith: "OR" });
  const matched = results.flatMap((r) => r.terms);
  const hits = results.slice(0, opts.limit ?? 20).map((r) => ({
    slug: r.id as string,
    title: r.title as string,
    url: r.url as string,
    description: r.description as string,
    category: r.category as string,
    published: r.published as number,
    snippetHtml: snippet(r.body as string, r.terms.length ? r.terms : matched),
  }));
  return { query, terms, hits, total: results.length };
}

const SNIPPET_CHARS = 220;

/**
 * About 220 characters of the body around the first matched word, with the
 * matched words marked. The only markup in it is <mark>; everything else is
 * escaped.
 */
export function snippet(body: string, words: string[]): string {
  const text = body.replace(/\s+/g, " ").trim();
  const lower = text.toLowerCase();
  const wanted = [...new Set(words.map((w) => w.toLowerCase()).filter((w) => w.length > 1))];
  const first = Math.min(...wanted.map((w) => lower.search(new RegExp(`\\b${escapeRegExp(w)}`))).filter((i) => i >= 0), Infinity);
  const start = first === Infinity ? 0 : Math.max(0, first - 60);
  let cut = text.slice(start, start + SNIPPET_CHARS);
  if (start > 0) cut = `…${cut.replace(/^\S*\s/, "")}`;
  if (start + SNIPPET_CHARS < text.length) cut = `${cut.replace(/\s\S*$/, "")}…`;
  if (wanted.length === 0) return escapeHtml(cut);
  // Marked on the plain text, each piece escaped on its own: a word can never land inside an entity.
  const pattern = new RegExp(`\\b(?:${wanted.map(escapeRegExp).join("|")})[\\p{L}\\p{N}]*`, "giu");
  let out = "";
  let last = 0;
  for (const m of cut.matchAll(pattern)) {
    out += `${escapeHtml(cut.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(cut.slice(last));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
