import "server-only";
import { content } from "./content";
import { isPublic } from "./content/publication";
import { env } from "./env";
import { previewLink, type PreviewKind, type PreviewLink } from "./preview";

export type PreviewLinkAnswer = (PreviewLink & { state: "draft" | "scheduled" | "published" | "unsent" }) | { error: string };

/**
 * The preview link for one article or newsletter issue, signed with this
 * server's SECRET_KEY for PUBLIC_URL (decision 0019). For the command line
 * (`npm run content -- preview-link`) and the newsroom console, which shows
 * it beside each unpublished article.
 */
export function previewLinkFor(kind: PreviewKind, slug: string, opts: { hours?: number; now?: Date } = {}): PreviewLinkAnswer {
  const e = env();
  const now = opts.now ?? new Date();
  let state: "draft" | "scheduled" | "published" | "unsent";
  if (kind === "article") {
    const article = content.anyArticleBySlug(slug);
    if (!article) return { error: `no article "${slug}" in content/articles` };
    state = article.draft ? "draft" : isPublic(article, now) ? "published" : "scheduled";
  } else {
    if (!content.newsletterBySlug(slug)) return { error: `no newsletter issue "${slug}" in content/newsletters` };
    state = "unsent";
  }
  try {
    return { ...previewLink(e.PUBLIC_URL, e.SECRET_KEY, { kind, slug }, { hours: opts.hours, now }), state };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
