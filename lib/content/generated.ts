// The documents contentlayer2 generated, loaded as JSON so the same import
// works in Next (Turbopack), Vitest and tsx scripts. Only the types come from
// the `contentlayer/generated` alias, and type imports vanish at run time.
import type { Article, Author, Category, Newsletter, Page, Product, RecommendationSet } from "contentlayer/generated";
import articles from "../../.contentlayer/generated/Article/_index.json" with { type: "json" };
import authors from "../../.contentlayer/generated/Author/_index.json" with { type: "json" };
import categories from "../../.contentlayer/generated/Category/_index.json" with { type: "json" };
import newsletters from "../../.contentlayer/generated/Newsletter/_index.json" with { type: "json" };
import pages from "../../.contentlayer/generated/Page/_index.json" with { type: "json" };
import products from "../../.contentlayer/generated/Product/_index.json" with { type: "json" };
import recommendationSets from "../../.contentlayer/generated/RecommendationSet/_index.json" with { type: "json" };
import { configuredTimeZone, publicationInstant } from "./publication-time";

/**
 * Articles with `published` as the instant it stands for: the value as
 * written, read in the publication's zone when it names none (decision
 * 0018). Done here, once per process, so every query, page, feed and the
 * search index agree on when an article goes live.
 */
function inPublicationZone(list: Article[]): Article[] {
  const zone = configuredTimeZone();
  return list.map((a) => (a.publishedAsWritten ? { ...a, published: publicationInstant(a.publishedAsWritten, zone).toISOString() } : a));
}

export const allArticles = inPublicationZone(articles as unknown as Article[]);
export const allAuthors = authors as unknown as Author[];
export const allCategories = categories as unknown as Category[];
export const allNewsletters = newsletters as unknown as Newsletter[];
export const allPages = pages as unknown as Page[];
export const allProducts = products as unknown as Product[];
export const allRecommendationSets = recommendationSets as unknown as RecommendationSet[];
