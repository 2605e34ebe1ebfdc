import { env } from "../env";
import { contentReloads, generatedContent } from "./generated";
import { createContentQueries } from "./queries";
import type { ContentSet } from "./types";

export { tagSlug } from "./queries";
export type { ResolvedArticle } from "./queries";

type ContentQueries = ReturnType<typeof createContentQueries>;
const visibility = () => ({ now: new Date(), includeUnpublished: env().SHOW_UNPUBLISHED });

let built: { set: ContentSet; queries: ContentQueries } | undefined;
function currentQueries(): ContentQueries {
  const set = generatedContent();
  if (built?.set !== set) built = { set, queries: createContentQueries(set, visibility) };
  return built.queries;
}

/**
 * The site's content, filtered to what may be shown with this configuration.
 * Under `next dev` each use asks for the current documents, so a saved file
 * shows on the next request; elsewhere it is built once.
 */
export const content: ContentQueries = contentReloads
  ? new Proxy({} as ContentQueries, { get: (_, key) => currentQueries()[key as keyof ContentQueries] })
  : currentQueries();
