import {
  allArticles,
  allAuthors,
  allCategories,
  allNewsletters,
  allPages,
  allProducts,
  allRecommendationSets,
} from "./generated";
import { env } from "../env";
import { createContentQueries } from "./queries";

export { tagSlug } from "./queries";
export type { ResolvedArticle } from "./queries";

/** The site's content, filtered to what may be shown with this configuration. */
export const content = createContentQueries(
  {
    articles: allArticles,
    authors: allAuthors,
    categories: allCategories,
    products: allProducts,
    recommendationSets: allRecommendationSets,
    newsletters: allNewsletters,
    pages: allPages,
  },
  () => ({ now: new Date(), includeUnpublished: env().SHOW_UNPUBLISHED }),
);
