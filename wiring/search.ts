// The search index this process answers from: built with the content
// (scripts/render-content.tsx), read once, kept in memory.
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { content } from "@/lib/content";
import { loadSearchIndex, searchArticles, type SearchAnswer, type SearchIndex } from "@/lib/search";

let index: SearchIndex | undefined;
function searchIndex(): SearchIndex {
  index ??= loadSearchIndex(readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), ".contentlayer", "search-index.json"), "utf8"));
  return index;
}

export function searchSite(query: string, category: string | undefined): SearchAnswer {
  const known = category && content.categoryBySlug(category) ? category : undefined;
  return searchArticles(searchIndex(), query, { now: new Date(), category: known, isPublished: content.isPublished });
}
