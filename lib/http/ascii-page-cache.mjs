// Next's own file-system page cache, with every cached page's HTML stored
// and served as ASCII (see ascii-html.mjs for why). Named in next.config.mjs
// as `cacheHandler`; Next imports it with Node at run time, so it is plain JS.
//
// It extends Next's default handler rather than replacing it: on-disk layout,
// memory LRU, tags and on-demand revalidation all stay Next's. The page HTML
// is rewritten once per cache entry, when it is stored or first read from disk.
import fileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { asciiHtml } from "./ascii-html.mjs";

const FileSystemCache = fileSystemCache.default ?? fileSystemCache;
const rewritten = new WeakSet();

function toAscii(value) {
  if (!value || typeof value !== "object" || rewritten.has(value)) return;
  if ((value.kind === "APP_PAGE" || value.kind === "PAGES") && typeof value.html === "string") value.html = asciiHtml(value.html);
  rewritten.add(value);
}

export default class AsciiPageCache extends FileSystemCache {
  async get(...args) {
    const entry = await super.get(...args);
    toAscii(entry?.value);
    return entry;
  }

  async set(key, data, ctx) {
    toAscii(data);
    return super.set(key, data, ctx);
  }
}
