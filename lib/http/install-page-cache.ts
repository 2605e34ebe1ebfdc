import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Installs the page cache handler (lib/http/page-cache.mjs) once, at server
// start, where Next looks for a platform-provided handler:
// globalThis[Symbol.for("@next/cache-handlers")].FetchCache.
//
// Why not next.config.mjs's `cacheHandler`: with it, `next start` dynamically
// imports the handler's module twice per request (the server and the page's
// route module each resolve it again), measured at ~15 µs of CPU per page
// view on this machine, a few per cent of a static page
// (docs/decisions/0031-pages-at-the-speed-of-bare-next.md). Installed here it
// is one property read. The module is imported by Node, unbundled, because it
// shares Next's internal tag manifest and file-system cache.
export async function installPageCache(root = process.cwd()): Promise<void> {
  const file = path.join(root, "lib", "http", "page-cache.mjs");
  if (!existsSync(file)) {
    console.error(`page cache: ${file} not found; serving with Next's default cache`);
    return;
  }
  const handler = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(file).href)).default;
  // With REDIS_URL: connect now (waiting a few seconds at most), so the first
  // readers already share pages; an unreachable Redis is logged, not fatal.
  if (typeof handler.connect === "function") await handler.connect(path.join(root, ".next", "server"));
  const key = Symbol.for("@next/cache-handlers");
  const slot = globalThis as unknown as Record<symbol, Record<string, unknown> | undefined>;
  slot[key] = { ...slot[key], FetchCache: handler };
}
