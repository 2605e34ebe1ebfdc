// What the page cache handler (loaded by Next, unbundled) tells the bundled
// /api/health route: both run in the one server process and meet on globalThis.
const KEY = Symbol.for("spine-press.page-cache");

/** @type {{ store: "file" | "redis", state: "local" | "connecting" | "connected" | "unreachable", since?: string, problem?: string }} */
export const pageCacheState = (globalThis[KEY] ??= { store: "file", state: "local" });

// Lookups by "store:result", read by the metrics endpoint (lib/metrics): an
// integer increment per page served, nothing more.
const STATS = Symbol.for("spine-press.page-cache.stats");
/** @type {Record<string, number>} */
export const pageCacheStats = (globalThis[STATS] ??= { "file:hit": 0, "file:miss": 0, "redis:hit": 0, "response:hit": 0 });

// A count of every change to the page cache this process learns of: a page
// stored, a revalidation here or from another instance (through Redis). The
// response cache in front of Next (lib/http/response-cache.ts) keeps a page's
// bytes only while this count stands where it stood when the page was served.
const GENERATION = Symbol.for("spine-press.page-cache.generation");
/** @type {{ n: number }} */
export const pageGeneration = (globalThis[GENERATION] ??= { n: 0 });
export function pagesChanged() {
  pageGeneration.n++;
}
