import { isVisible, type VisibilityOptions } from "./publication";
import type { Article, Author, Category, ContentSet, Page, Product, RecommendationSet } from "./types";

const byNewest = (a: Article, b: Article) =>
  new Date(b.published).getTime() - new Date(a.published).getTime() || a.slug.localeCompare(b.slug);

/** Ensures a reference resolved; integrity.ts guarantees it at build time, so a miss here is a bug. */
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Content reference not found: ${what}`);
  return value;
}

export type ResolvedArticle = Article & {
  authorDoc: Author;
  reviewerDoc?: Author;
  categoryDoc: Category;
  /** The category and its parents, outermost first (a child category keeps its parent visible). */
  categoryTrail: Category[];
};

/**
 * Queries over the editors' content. Built from plain arrays so unit tests
 * feed fixtures and the site feeds the generated data.
 */
export function createContentQueries(content: ContentSet, visibility: () => VisibilityOptions) {
  // The archive sorted once (the generated arrays never change at run time),
  // and the visible part of it kept for one second: the build prerenders every
  // page, each asking for it several times, and a 10,000-article archive made
  // that O(pages × n log n) sorting and date parsing. Visibility changes on
  // published dates, so a second's reuse shows nothing early.
  let newestFirst: Article[] | undefined;
  let cached: { key: string; list: Article[]; bySlug: Map<string, Article> } | undefined;
  const visibleIndex = () => {
    const opts = visibility();
    const key = `${opts.includeUnpublished}:${Math.floor(opts.now.getTime() / 1000)}`;
    if (cached?.key !== key) {
      newestFirst ??= [...content.articles].sort(byNewest);
      const list = newestFirst.filter((a) => isVisible(a, opts));
      cached = { key, list, bySlug: new Map(list.map((a) => [a.slug, a])) };
    }
    return cached;
  };
  const visible = () => visibleIndex().list;
  const tagSlugs = new WeakMap<Article, string[]>();
  const tagSlugsOf = (a: Article) => {
    let slugs = tagSlugs.get(a);
    if (!slugs) tagSlugs.set(a, (slugs = a.tags.map(tagSlug)));
    return slugs;
  };
  const authorBySlug = (slug: string) => content.authors.find((a) => a.slug === slug);
  const categoryBySlug = (slug: string) => content.categories.find((c) => c.slug === slug);
  const productBySlug = (slug: string) => content.products.find((p) => p.slug === slug);
  const recommendationSetBySlug = (slug: string) => content.recommendationSets.find((s) => s.slug === slug);

  const categoryTrail = (c: Category): Category[] => {
    const trail = [c];
    for (let p = c.parent ? categoryBySlug(c.parent) : undefined; p && !trail.includes(p); p = p.parent ? categoryBySlug(p.parent) : undefined)
      trail.unshift(p);
    return trail;
  };

  const resolve = (a: Article): ResolvedArticle => {
    const categoryDoc = must(categoryBySlug(a.category), `category "${a.category}" of ${a.slug}`);
    return {
      ...a,
      authorDoc: must(authorBySlug(a.author), `author "${a.author}" of ${a.slug}`),
      reviewerDoc: a.reviewer ? must(authorBySlug(a.reviewer), `reviewer "${a.reviewer}" of ${a.slug}`) : undefined,
      categoryDoc,
      categoryTrail: categoryTrail(categoryDoc),
    };
  };

  return {
    publishedArticles: (): Article[] => visible().slice(),
    latestArticles: (limit: number): Article[] => visible().slice(0, limit),
    featuredArticles: (limit: number): Article[] => visible().filter((a) => a.featured).slice(0, limit),
    articleBySlug: (slug: string): ResolvedArticle | undefined => {
      const a = visibleIndex().bySlug.get(slug);
      return a ? resolve(a) : undefined;
    },
    /** Whether the article is public now (cheap: search filters every result with it). */
    isPublished: (slug: string): boolean => visibleIndex().bySlug.has(slug),
    /**
     * Any article, draft or scheduled included: only for a signed preview
     * (decision 0019) and the publish timer, never for a list.
     */
    anyArticleBySlug: (slug: string): ResolvedArticle | undefined => {
      const a = content.articles.find((x) => x.slug === slug);
      return a ? resolve(a) : undefined;
    },
    /**
     * The articles `next build` renders ahead (decision 0051): the newest
     * `newest` public ones, which readers arrive at most, and every draft and
     * scheduled one (as "not found": a scheduled article's page then exists
     * when its time comes, and a preview can reach a draft; decisions 0018,
     * 0019). Older articles are rendered on their first request and kept by
     * the page cache, so the build does not grow with the archive.
     */
    articleSlugsToPrerender: (newest: number): string[] => [
      ...visible()
        .slice(0, newest)
        .map((a) => a.slug),
      ...content.articles.filter((a) => !visibleIndex().bySlug.has(a.slug)).map((a) => a.slug),
    ],
    /** Articles that are not drafts and not yet public, soonest first. */
    scheduledArticles: (): Article[] => {
      const now = visibility().now.getTime();
      return content.articles
        .filter((a) => !a.draft && Date.parse(a.published) > now)
        .sort((a, b) => Date.parse(a.published) - Date.parse(b.published) || a.slug.localeCompare(b.slug));
    },
    articlesByAuthor: (slug: string) => visible().filter((a) => a.author === slug || a.reviewer === slug),
    articlesByCategory: (slug: string) => visible().filter((a) => a.category === slug),
    articlesByTag: (tag: string) => {
      const slug = tagSlug(tag);
      return visible().filter((a) => tagSlugsOf(a).includes(slug));
    },
    /** Tag pages to prerender: those of public articles and of scheduled ones (their page must exist when they go live). */
    tagSlugsToBuild: (): string[] => [...new Set(content.articles.filter((a) => !a.draft).flatMap((a) => tagSlugsOf(a)))],
    allTags: (): { slug: string; label: string; count: number }[] => {
      const tags = new Map<string, { slug: string; label: string; count: number }>();
      for (const a of visible())
        for (const t of a.tags) {
          const entry = tags.get(tagSlug(t)) ?? { slug: tagSlug(t), label: t, count: 0 };
          entry.count++;
          tags.set(entry.slug, entry);
        }
      return [...tags.values()].sort((x, y) => y.count - x.count || x.slug.localeCompare(y.slug));
    },
    /**
     * Related articles: shared tags weigh most, the same category adds one,
     * newer breaks ties. Never the article itself.
     */
    relatedArticles: (article: Article, limit: number): Article[] => {
      const tags = new Set(tagSlugsOf(article));
      // visible() is newest first and the sort is stable: equal scores stay newest first.
      return visible()
        .filter((a) => a.slug !== article.slug)
        .map((a) => ({
          a,
          score: tagSlugsOf(a).filter((t) => tags.has(t)).length * 2 + (a.category === article.category ? 1 : 0),
        }))
        .filter((x) => x.score > 0)
        .sort((x, y) => y.score - x.score)
        .slice(0, limit)
        .map((x) => x.a);
    },
    authors: () => [...content.authors].sort((a, b) => a.name.localeCompare(b.name)),
    authorBySlug,
    categories: () => [...content.categories].sort((a, b) => a.title.localeCompare(b.title)),
    categoryBySlug,
    products: () => [...content.products].sort((a, b) => a.name.localeCompare(b.name)),
    productBySlug: (slug: string): Product | undefined => productBySlug(slug),
    newsletters: () => [...content.newsletters].sort((a, b) => (b.sendOn ?? "").localeCompare(a.sendOn ?? "")),
    newsletterBySlug: (slug: string) => content.newsletters.find((n) => n.slug === slug),
    /** Static pages a reader may see (drafts only in local previews), by path. */
    publishedPages: (): Page[] =>
      content.pages.filter((p) => visibility().includeUnpublished || !p.draft).sort((a, b) => a.path.localeCompare(b.path)),
    pageByPath: (path: string): Page | undefined =>
      content.pages.find((p) => p.path === path && (visibility().includeUnpublished || !p.draft)),
    /** A recommendation set with its products in the editor's order. */
    recommendationSet: (slug: string): (RecommendationSet & { productDocs: Product[] }) | undefined => {
      const set = recommendationSetBySlug(slug);
      if (!set) return undefined;
      return { ...set, productDocs: set.products.map((p) => must(productBySlug(p), `product "${p}" in set ${slug}`)) };
    },
  };
}

export type ContentQueries = ReturnType<typeof createContentQueries>;

/** URL-safe form of a tag as editors write it ("desk work" → "desk-work"). */
export function tagSlug(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
