// The documents contentlayer2 generated, read from .contentlayer/generated as
// files at run time. Not imported as JSON modules: Turbopack then bundled the
// whole archive into two server chunks with their source maps (10 MB of
// articles, 48 MB of maps at 1,000 articles), which cost the build most of its
// compile memory and grew with every article (docs/performance.md, "Build at
// 1,000 articles"). The same reading works in Next, Vitest and tsx scripts,
// all of which run in the project's folder.
import "server-only";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Article, ContentSet } from "./types";
import { configuredTimeZone, publicationInstant } from "./publication-time";

const FOLDERS: Record<keyof ContentSet, string> = {
  articles: "Article",
  authors: "Author",
  categories: "Category",
  newsletters: "Newsletter",
  pages: "Page",
  products: "Product",
  recommendationSets: "RecommendationSet",
};

const fileOf = (folder: string, root = process.cwd()) =>
  path.join(/*turbopackIgnore: true*/ root, ".contentlayer", "generated", folder, "_index.json");

/**
 * The generated files that are not in `root`: the server refuses to start
 * without them (lib/startup.ts), rather than answer every page it has not
 * cached with an error. They are deployed with .next/ (docs/operations.md).
 */
export function missingGeneratedFiles(root = process.cwd()): string[] {
  return Object.values(FOLDERS)
    .map((folder) => fileOf(folder, root))
    .filter((file) => !existsSync(file))
    .map((file) => path.relative(root, file));
}

/**
 * Articles with `published` as the instant it stands for: the value as
 * written, read in the publication's zone when it names none (decision
 * 0018). Done here, once per read, so every query, page, feed and the
 * search index agree on when an article goes live.
 */
function inPublicationZone(list: Article[]): Article[] {
  const zone = configuredTimeZone();
  return list.map((a) => (a.publishedAsWritten ? { ...a, published: publicationInstant(a.publishedAsWritten, zone).toISOString() } : a));
}

function read(): ContentSet {
  const set = Object.fromEntries(
    Object.entries(FOLDERS).map(([key, folder]) => [key, JSON.parse(readFileSync(fileOf(folder), "utf8"))]),
  ) as ContentSet;
  return { ...set, articles: inPublicationZone(set.articles) };
}

/** True when documents are read again after a change (under `next dev`). */
export const contentReloads = process.env.NODE_ENV === "development";

/**
 * `read()`'s value, read once. Under `next dev` the content watcher rewrites
 * the files while the server runs (scripts/dev.sh): they are read again when
 * one of `files` changed, looked at no more than twice a second.
 */
export function readOnce<T>(files: () => string[], read: () => T, watch = contentReloads): () => T {
  let loaded: { value: T; stamp: string; lookedAt: number } | undefined;
  return () => {
    if (loaded && (!watch || Date.now() - loaded.lookedAt < 500)) return loaded.value;
    const stamp = watch ? files().map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)).join(":") : "";
    if (loaded?.stamp === stamp) loaded.lookedAt = Date.now();
    else loaded = { value: read(), stamp, lookedAt: Date.now() };
    return loaded.value;
  };
}

/** The generated documents, as plain arrays (the same object until the files change). */
export const generatedContent = readOnce(() => Object.values(FOLDERS).map((folder) => fileOf(folder)), read);
