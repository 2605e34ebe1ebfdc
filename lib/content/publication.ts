import type { Article } from "./types";

export type VisibilityOptions = {
  /** The moment "now"; injected so tests and builds are deterministic. */
  now: Date;
  /** Show drafts and future-dated pieces (local previews only, never in a production build). */
  includeUnpublished: boolean;
};

/** An article is public when it is not a draft and its published date has arrived. */
export function isPublic(article: Pick<Article, "draft" | "published">, now: Date): boolean {
  return !article.draft && new Date(article.published).getTime() <= now.getTime();
}

export function isVisible(article: Pick<Article, "draft" | "published">, opts: VisibilityOptions): boolean {
  return opts.includeUnpublished || isPublic(article, opts.now);
}
