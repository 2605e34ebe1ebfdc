// Every address the site serves from content and its own routes, with why an
// address that content names is not live (a draft, a future article): what
// links and redirects are checked against. "Live" is asked at a moment, so a
// newsletter can be checked for the day it is sent.
import { isPublic } from "./publication";
import { tagSlug } from "./queries";
import type { PathLookup } from "./redirects";
import type { Article, ContentSet } from "./types";

/** Routes of the application that exist whatever the content. */
export const STATIC_ROUTES = ["/", "/products", "/newsletter", "/newsletter/archive", "/newsletter/signup", "/privacy", "/feed.xml"];

export type SiteIndex = {
  /** Whether a path is served now, or why not. */
  lookup: PathLookup;
  /** Whether a path is served at a given moment, or why not. */
  lookupAt: (path: string, at: Date) => ReturnType<PathLookup>;
  /** The article served at a path, if any (live or not). */
  articleAt: (path: string) => Article | undefined;
};

const day = (iso: string) => iso.slice(0, 10);

export function siteIndex(content: ContentSet, now: Date): SiteIndex {
  const fixed = new Set<string>(STATIC_ROUTES);
  for (const n of content.newsletters) fixed.add(`/newsletter/archive/${n.slug}`);
  for (const a of content.authors) fixed.add(a.url);
  for (const c of content.categories) fixed.add(c.url);
  const articles = new Map(content.articles.map((a) => [a.url, a]));
  const tagged = new Map<string, Article[]>();
  for (const a of content.articles)
    for (const t of a.tags ?? []) {
      const p = `/tags/${tagSlug(t)}`;
      tagged.set(p, [...(tagged.get(p) ?? []), a]);
    }
  const pages = new Map(content.pages.map((p) => [p.path, p]));

  const lookupAt = (raw: string, at: Date): ReturnType<PathLookup> => {
    const path = raw.length > 1 ? raw.replace(/\/+$/, "") : raw;
    if (fixed.has(path)) return { live: true };
    const article = articles.get(path);
    if (article) {
      if (isPublic(article, at)) return { live: true };
      if (article.draft) return { live: false, why: "draft", reason: `${path} is a draft (draft: true), so it is not on the site` };
      return { live: false, why: "future", reason: `${path} is not published until ${day(article.published)}` };
    }
    const withTag = tagged.get(path);
    if (withTag) {
      if (withTag.some((a) => isPublic(a, at))) return { live: true };
      return { live: false, why: withTag.every((a) => a.draft) ? "draft" : "future", reason: `${path} lists only articles that are not published yet` };
    }
    const page = pages.get(path);
    if (page) return page.draft ? { live: false, why: "draft", reason: `${path} is a draft page (draft: true), so it is not on the site` } : { live: true };
    return { live: false, why: "missing", reason: `${path} is no page on this site` };
  };
  return { lookup: (p) => lookupAt(p, now), lookupAt, articleAt: (p) => articles.get(p.length > 1 ? p.replace(/\/+$/, "") : p) };
}
