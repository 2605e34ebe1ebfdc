import type { MdxComponentName } from "@/lib/content/mdx-component-names";
import { ArticleTeaser } from "./article-teaser";
import { Callout } from "./callout";
import { Cite } from "./cite";
import { Figure } from "./figure";
import { ProductCard } from "./product-card";
import { Recommendations } from "./recommendations";

// Typed against the list the integrity check enforces: adding a name there
// without a component here fails type-checking.
export const mdxComponents = { ProductCard, Recommendations, Callout, Figure, ArticleTeaser, Cite } satisfies Record<
  MdxComponentName,
  unknown
>;

/** The components for a body inside an article: its product links carry the article (`/go/<product>?from=<article>`). */
export function componentsFor(from?: string) {
  if (!from) return mdxComponents;
  return {
    ...mdxComponents,
    ProductCard: (p: { id: string }) => <ProductCard {...p} from={from} />,
    Recommendations: (p: { set?: string }) => <Recommendations {...p} from={from} />,
  };
}
