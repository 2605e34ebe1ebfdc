// Next's own file-system page cache, with every cached page's HTML stored
// and served as ASCII (see ascii-html.mjs for why) and carrying its own
// Content-Security-Policy (csp.mjs). The single-machine page cache (no
// REDIS_URL), and the local copy under redis-page-cache.mjs; chosen in
// page-cache.mjs. Next imports it with Node at run time, so it is plain JS.
//
// It extends Next's default handler rather than replacing it: on-disk layout,
// memory LRU, tags and on-demand revalidation all stay Next's. The page HTML
// is rewritten once per cache entry, when it is stored or first read from disk.
import fileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { asciiHtml } from "./ascii-html.mjs";
import { pagePolicy } from "./csp.mjs";
import { pageCacheStats, pagesChanged } from "./page-cache-state.mjs";

const FileSystemCache = fileSystemCache.default ?? fileSystemCache;
const rewritten = new WeakSet();

export default class AsciiPageCache extends FileSystemCache {
  /**
   * Once per cache entry: the page's HTML as ASCII, and its
   * Content-Security-Policy with the hashes of its own inline scripts (Next
   * sends an entry's headers with every response it serves from it).
   */
  static prepare(value) {
    if (!value || typeof value !== "object" || rewritten.has(value)) return;
    if ((value.kind === "APP_PAGE" || value.kind === "PAGES") && typeof value.html === "string") {
      value.html = asciiHtml(value.html);
      value.headers = { ...value.headers, "content-security-policy": pagePolicy(value.html) };
    }
    rewritten.add(value);
  }

  async get(...args) {
    const entry = await super.get(...args);
    AsciiPageCache.prepare(entry?.value);
    // Counted once per lookup: the Redis handler counts its own hits and comes here only otherwise.
    if (entry?.value) pageCacheStats["file:hit"]++;
    else pageCacheStats["file:miss"]++;
    return entry;
  }

  /**
   * A "not found" page rendered while serving is not kept: any address under
   * a route with parameters (/articles/<anything>) can be asked for, and
   * keeping each answer would let a crawler fill the disk and the memory
   * cache (decision 0051). The build's own not-found pages (drafts, scheduled
   * articles) are in its output and stay.
   */
  static keeps(data) {
    return !(data && typeof data === "object" && (data.kind === "APP_PAGE" || data.kind === "PAGES") && data.status === 404);
  }

  async set(key, data, ctx) {
    if (!AsciiPageCache.keeps(data)) return;
    AsciiPageCache.prepare(data);
    pagesChanged();
    return super.set(key, data, ctx);
  }

  async revalidateTag(...args) {
    pagesChanged();
    return super.revalidateTag(...args);
  }
}
