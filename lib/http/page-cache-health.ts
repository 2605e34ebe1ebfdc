// The page cache's part of /api/health. The handler (lib/http/page-cache.mjs)
// is loaded by Next outside the app's bundle; it leaves its state on
// globalThis under this symbol (page-cache-state.mjs).
const KEY = Symbol.for("spine-press.page-cache");

type HandlerState = { store: "file" | "redis"; state: "local" | "connecting" | "connected" | "unreachable" };

export type PageCacheHealth =
  { store: "file"; ok: true } | { store: "redis"; ok: boolean; state: "connecting" | "connected" | "unreachable" };

/** With REDIS_URL set, the shared cache is healthy only while connected; pages are still served from the local copy. */
export function pageCacheHealth(redisConfigured: boolean): PageCacheHealth {
  if (!redisConfigured) return { store: "file", ok: true };
  const handler = (globalThis as Record<symbol, HandlerState | undefined>)[KEY];
  const state = handler?.store === "redis" && handler.state !== "local" ? handler.state : "connecting";
  return { store: "redis", ok: state === "connected", state };
}
