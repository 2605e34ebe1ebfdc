// The documents contentlayer2 generated, loaded as JSON so the same import
// works in Next (Turbopack), Vitest and tsx scripts. Only the types come from
// the `contentlayer/generated` alias, and type imports vanish at run time.
import type { Article, Author, Category, Newsletter, Product, RecommendationSet } from "contentlayer/generated";
import articles from "../../.contentlayer/generated/Article/_index.json" with { type: "json" };
import authors from "../../.contentlayer/generated/Author/_index.json" with { type: "json" };
import categories from "../../.contentlayer/generated/Category/_index.json" with { type: "json" };
import newsletters from "../../.contentlayer/generated/Newsletter/_index.json" with { type: "json" };
import products from "../../.contentlayer/generated/Product/_index.json" with { type: "json" };
import recommendationSets from "../../.contentlayer/generated/RecommendationSet/_index.json" with { type: "json" };

export const allArticles = articles as unknown as Article[];
export const allAuthors = authors as unknown as Author[];
export const allCategories = categories as unknown as Category[];
export const allNewsletters = newsletters as unknown as Newsletter[];
export const allProducts = products as unknown as Product[];
export const allRecommendationSets = recommendationSets as unknown as RecommendationSet[];
