/**
 * The components an editor may use inside MDX. The renderer's component map
 * is typed against this list, and the integrity check rejects any other
 * capitalised JSX tag, so a typo fails the build instead of the page.
 */
export const MDX_COMPONENT_NAMES = ["ProductCard", "Recommendations", "Callout", "Figure", "ArticleTeaser"] as const;
export type MdxComponentName = (typeof MDX_COMPONENT_NAMES)[number];

export const CALLOUT_TYPES = ["note", "tip", "warning"] as const;
