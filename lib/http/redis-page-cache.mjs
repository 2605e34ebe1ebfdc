// The page cache shared by several instances through Redis (REDIS_URL set).
// Named in next.config.mjs (through page-cache.mjs) as `cacheHandler`; Next
// imports it with Node at run time, unbundled, so it is plain JavaScript and
// reads its two variables from process.env (lib/env.ts validates them).
//
// Why hand-written: @fortedigital/nextjs-cache-handler (the maintained Redis
// handler for Next 16) declares Node >= 22 and this project runs on Node 20;
// @neshca/cache-handler stopped at Next 14. What is ours is small: Next's own
// file-system cache stays underneath as each instance's local copy, and Redis
// adds three things (docs/decisions/0030-one-page-cache-for-all-instances.md):
//   * every generated page is written to Redis (`<prefix><build id>:page:<key>`),
//     so an instance that has not rendered a page reads the generation another
//     instance stored, not its own build-time copy;
//   * revalidations (revalidatePath/revalidateTag) are kept in a Redis hash and
//     published on a channel: each instance applies them to Next's own tag
//     manifest, so the next request for that page anywhere regenerates it;
//   * each new generation is announced on the channel so instances drop the
//     copy they keep in memory.
// A request for a page already in memory asks Redis nothing: freshness comes
// from the channel, which is why the shared cache costs readers no throughput.
//
// When Redis is unreachable the instance serves from its local copy (memory,
// then the build's output on disk), logs the failure
// once, and /api/health reports "degraded". On reconnecting it reloads the
// revalidations it missed and forgets what it kept in memory.
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import tagsManifestModule from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";
import AsciiPageCache from "./ascii-page-cache.mjs";
import { pageCacheState, pageCacheStats, pagesChanged } from "./page-cache-state.mjs";

const { tagsManifest } = tagsManifestModule;

// A week of no writes before Redis forgets a page. Safe to lose: revalidations
// stay in the tags hash (no expiry), so an instance that falls back to its
// build-time copy of a page regenerated since sees it as expired.
const PAGE_TTL_SECONDS = 7 * 24 * 3600;
const COMMAND_TIMEOUT_MS = 1000;
const LOG_EVERY_MS = 30_000;

/** Buffers and Maps (RSC payload, segment data) survive JSON as tagged objects. */
export function encode(entry) {
  return JSON.stringify(entry, function (key, value) {
    const raw = this[key];
    if (Buffer.isBuffer(raw)) return { $b: raw.toString("base64") };
    if (raw instanceof Map) return { $m: [...raw.entries()].map(([k, v]) => [k, Buffer.isBuffer(v) ? { $b: v.toString("base64") } : v]) };
    return value;
  });
}

export function decode(text) {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      if (typeof value.$b === "string") return Buffer.from(value.$b, "base64");
      if (Array.isArray(value.$m)) return new Map(value.$m);
    }
    return value;
  });
}

/** Merge a revalidation into Next's tag manifest, keeping the later times. */
export function applyTag(tag, update) {
  const current = tagsManifest.get(tag) ?? {};
  const merged = { ...current };
  for (const field of ["stale", "expired"]) {
    if (typeof update?.[field] === "number" && !(typeof current[field] === "number" && current[field] >= update[field]))
      merged[field] = update[field];
  }
  tagsManifest.set(tag, merged);
  pagesChanged();
}

const entrySize = (entry) => {
  const v = entry?.value;
  if (!v) return 64;
  return 64 + (v.html?.length ?? 0) + (v.rscData?.length ?? 0) + (v.body?.length ?? 0) + (v.data ? 1024 : 0);
};

/** One connection pair per process; Next constructs a handler per request. */
class SharedStore {
  constructor(url, prefix, serverDistDir) {
    let buildId = "dev";
    try {
      buildId = readFileSync(path.join(serverDistDir, "..", "BUILD_ID"), "utf8").trim();
    } catch {}
    this.ns = `${prefix}${buildId}:`;
    this.channel = `${this.ns}events`;
    this.id = randomUUID();
    this.synced = false;
    this.lastLog = 0;
    this.pendingTags = new Set();
    // Pages this instance knows to be the current generation in Redis.
    this.pages = new LRUCache({ maxSize: 64 * 1024 * 1024, sizeCalculation: entrySize });
    const options = {
      connectTimeout: 2000,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      // Readers never wait for Redis: while it is away, commands fail at once.
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      lazyConnect: false,
    };
    this.client = new Redis(url, { ...options, connectionName: "spine-press-pages" });
    this.subscriber = new Redis(url, { ...options, connectionName: "spine-press-pages-events", enableOfflineQueue: true });
    pageCacheState.store = "redis";
    pageCacheState.state = "connecting";
    for (const conn of [this.client, this.subscriber]) {
      conn.on("error", (e) => this.fail("connection", e));
      conn.on("end", () => this.fail("connection", new Error("closed")));
      conn.on("close", () => this.markDown());
      conn.on("ready", () => this.resync());
    }
    this.subscriber.on("message", (_channel, message) => this.onEvent(message));
  }

  get usable() {
    return this.synced && this.client.status === "ready" && this.subscriber.status === "ready";
  }

  markDown() {
    this.synced = false;
    if (pageCacheState.state === "connected") pageCacheState.state = "unreachable";
  }

  fail(what, error) {
    this.markDown();
    pageCacheState.state = "unreachable";
    pageCacheState.problem = `${what}: ${error?.message ?? error}`;
    const now = Date.now();
    if (now - this.lastLog > LOG_EVERY_MS) {
      this.lastLog = now;
      console.error(`page cache: Redis ${what} failed (${error?.message ?? error}); serving this instance's local copy until it is back`);
    }
  }

  /** (Re)connected: subscribe, reload the revalidations, forget what memory held. */
  async resync() {
    if (this.client.status !== "ready" || this.subscriber.status !== "ready") return;
    try {
      await this.subscriber.subscribe(this.channel);
      // Revalidations made here while Redis was away go out first.
      if (this.pendingTags.size > 0) {
        await this.revalidated([...this.pendingTags]);
        this.pendingTags.clear();
      }
      const tags = await this.client.hgetall(`${this.ns}tags`);
      for (const [tag, json] of Object.entries(tags)) applyTag(tag, JSON.parse(json));
      this.pages.clear();
      pagesChanged();
      this.synced = true;
      const wasDown = pageCacheState.state === "unreachable" && pageCacheState.since !== undefined;
      pageCacheState.state = "connected";
      pageCacheState.since = new Date().toISOString();
      delete pageCacheState.problem;
      if (wasDown) console.error("page cache: Redis is back; shared pages again");
    } catch (e) {
      this.fail("sync", e);
    }
  }

  onEvent(message) {
    let event;
    try {
      event = JSON.parse(message);
    } catch {
      return;
    }
    if (event.from === this.id) return;
    if (event.t === "tag") applyTag(event.tag, event.entry);
    else if (event.t === "page") {
      this.pages.delete(event.key);
      pagesChanged();
    }
  }

  async read(key) {
    const text = await this.client.get(`${this.ns}page:${key}`);
    return text === null ? null : decode(text);
  }

  async write(key, entry) {
    await this.client
      .multi()
      .set(`${this.ns}page:${key}`, encode(entry), "EX", PAGE_TTL_SECONDS)
      .publish(this.channel, JSON.stringify({ t: "page", key, from: this.id }))
      .exec();
  }

  async revalidated(tags) {
    const multi = this.client.multi();
    for (const tag of tags) {
      const entry = tagsManifest.get(tag);
      if (!entry) continue;
      multi.hset(`${this.ns}tags`, tag, JSON.stringify(entry));
      multi.publish(this.channel, JSON.stringify({ t: "tag", tag, entry, from: this.id }));
    }
    await multi.exec();
  }
}

let store;
const openStore = (serverDistDir) =>
  (store ??= new SharedStore(process.env.REDIS_URL, process.env.REDIS_KEY_PREFIX || "spine-press:", serverDistDir));

export default class RedisPageCache extends AsciiPageCache {
  /**
   * Connects at server start (instrumentation.ts) so the first readers find
   * the shared cache ready; gives up waiting after `waitMs`, never throws.
   */
  static async connect(serverDistDir, waitMs = 3000) {
    const s = openStore(serverDistDir);
    const deadline = Date.now() + waitMs;
    while (!s.usable && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return s.usable;
  }

  constructor(ctx) {
    // No disk writes: Redis is where generations are shared. Instances that
    // share one checkout's .next would otherwise write the same files at once;
    // the local copy is the build's output plus what this process keeps in memory.
    super({ ...ctx, flushToDisk: false });
    openStore(ctx.serverDistDir);
  }

  async get(key, ctx) {
    if (!store.usable) return super.get(key, ctx);
    const known = store.pages.get(key);
    if (known) {
      pageCacheStats["redis:hit"]++;
      return known;
    }
    let entry = null;
    try {
      entry = await store.read(key);
    } catch (e) {
      store.fail("read", e);
      return super.get(key, ctx);
    }
    if (entry) pageCacheStats["redis:hit"]++;
    // Not in Redis yet: the build's copy (or this instance's own) is current.
    entry ??= await super.get(key, ctx);
    if (entry?.value) {
      AsciiPageCache.prepare(entry.value);
      store.pages.set(key, entry);
    }
    return entry;
  }

  async set(key, data, ctx) {
    // The local copy first: it is what readers get if Redis goes away.
    await super.set(key, data, ctx);
    if (!data || !store.usable || !AsciiPageCache.keeps(data)) return;
    const entry = { value: data, lastModified: Date.now(), cacheControl: ctx?.fetchCache ? undefined : ctx?.cacheControl };
    try {
      await store.write(key, entry);
      store.pages.set(key, entry);
    } catch (e) {
      store.fail("write", e);
      store.pages.delete(key);
    }
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    const list = (typeof tags === "string" ? [tags] : tags).filter(Boolean);
    if (list.length === 0) return;
    if (!store.usable) {
      for (const tag of list) store.pendingTags.add(tag);
      return;
    }
    try {
      await store.revalidated(list);
    } catch (e) {
      for (const tag of list) store.pendingTags.add(tag);
      store.fail("revalidate", e);
    }
  }
}
