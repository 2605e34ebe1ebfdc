import { isVisible, type VisibilityOptions } from "./publication";
import type { Article, Author, Category, ContentSet, Product, RecommendationSet } from "./types";

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
};

/**
 * Queries over the editors' content. Built from plain arrays so unit tests
 * feed fixtures and the site feeds the generated data.
 */
export function createContentQueries(content: ContentSet, visibility: () => VisibilityOptions) {
  const visible = () => content.articles.filter((a) => isVisible(a, visibility())).sort(byNewest);
  const authorBySlug = (slug: string) => content.authors.find((a) => a.slug === slug);
  const categoryBySlug = (slug: string) => content.categories.find((c) => c.slug === slug);
  const productBySlug = (slug: string) => content.products.find((p) => p.slug === slug);
  const recommendationSetBySlug = (slug: string) => content.recommendationSets.find((s) => s.slug === slug);

  const resolve = (a: Article): ResolvedArticle => ({
    ...a,
    authorDoc: must(authorBySlug(a.author), `author "${a.author}" of ${a.slug}`),
    reviewerDoc: a.reviewer ? must(authorBySlug(a.reviewer), `reviewer "${a.reviewer}" of ${a.slug}`) : undefined,
    categoryDoc: must(categoryBySlug(a.category), `category "${a.category}" of ${a.slug}`),
  });

  return {
    publishedArticles: (): Article[] => visible(),
    latestArticles: (limit: number): Article[] => visible().slice(0, limit),
    featuredArticles: (limit: number): Article[] => visible().filter((a) => a.featured).slice(0, limit),
    articleBySlug: (slug: string): ResolvedArticle | undefined => {
      const a = visible().find((x) => x.slug === slug);
      return a ? resolve(a) : undefined;
    },
    articlesByAuthor: (slug: string) => visible().filter((a) => a.author === slug || a.reviewer === slug),
    articlesByCategory: (slug: string) => visible().filter((a) => a.category === slug),
    articlesByTag: (tag: string) => visible().filter((a) => a.tags.map(tagSlug).includes(tagSlug(tag))),
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
      const tags = new Set(article.tags.map(tagSlug));
      return visible()
        .filter((a) => a.slug !== article.slug)
        .map((a) => ({
          a,
          score: a.tags.filter((t) => tags.has(tagSlug(t))).length * 2 + (a.category === article.category ? 1 : 0),
        }))
        .filter((x) => x.score > 0)
        .sort((x, y) => y.score - x.score || byNewest(x.a, y.a))
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
