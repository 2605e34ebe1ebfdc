import type { ComponentType } from "react";
import type { MdxComponentName } from "@/lib/content/mdx-component-names";
import { ArticleTeaser } from "./article-teaser";
import { Callout } from "./callout";
import { Figure } from "./figure";
import { ProductCard } from "./product-card";
import { Recommendations } from "./recommendations";

// Typed against the list the integrity check enforces: adding a name there
// without a component here fails type-checking.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const mdxComponents: Record<MdxComponentName, ComponentType<any>> = { ProductCard, Recommendations, Callout, Figure, ArticleTeaser };
