// Types of the editors' data, as contentlayer2 generates them. Re-exported so
// the rest of lib/ does not depend on the generated folder's location.
import type { Article, Author, Category, Newsletter, Page, Product, RecommendationSet } from "contentlayer/generated";
export type { Article, Author, Category, Newsletter, Page, Product, RecommendationSet };
export type { DocumentTypes } from "contentlayer/generated";

/** Everything the queries and the integrity check need, as plain arrays. */
export type ContentSet = {
  articles: Article[];
  authors: Author[];
  categories: Category[];
  products: Product[];
  recommendationSets: RecommendationSet[];
  newsletters: Newsletter[];
  pages: Page[];
};
