// The page cache handler, installed at server start by instrumentation.ts
// (lib/http/install-page-cache.ts says why not as next.config's `cacheHandler`).
//   * REDIS_URL unset (the default, one machine): Next's file-system cache with
//     pages stored as ASCII (ascii-page-cache.mjs);
//   * REDIS_URL set: the same as each instance's local copy, shared through
//     Redis (redis-page-cache.mjs, docs/decisions/0030).
// `next build` uses Next's own cache and never Redis: the build's pages are the
// seed every instance reads from its own .next, and a build must not need Redis.
import AsciiPageCache from "./ascii-page-cache.mjs";

const shared = Boolean(process.env.REDIS_URL) && process.env.NEXT_PHASE !== "phase-production-build";

export default shared ? (await import("./redis-page-cache.mjs")).default : AsciiPageCache;
