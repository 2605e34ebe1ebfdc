// The bytes of pages Next served from its page cache, kept in front of Next
// by server.ts and sent again without entering Next's request pipeline
// (docs/decisions/0050-response-cache-in-front-of-next.md).
//
// Why: a page Next answers from its cache still costs its whole per-request
// pipeline (route resolution, proxy matcher, the page's route module, the
// cache lookup, render-result plumbing): measured at about twice a bare
// Next app's page per request. A page served from here costs a map lookup
// and one socket write.
//
// What makes it safe: only a response Next itself marked as a cache HIT is
// kept, and Next sends that same entry to every request for the URL that is
// not a router (RSC) request and not in draft mode; those requests never
// read or fill this cache. A kept response is dropped
//   * as soon as the page cache changes at all: a page stored, a revalidation
//     here or on another instance through Redis (pageGeneration, counted by
//     the page cache handler in lib/http/page-cache-state.mjs), and
//   * after MAX_AGE_MS in any case, so a page Next would regenerate on a
//     timer is never more than that behind Next's own cache.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";

/** How long a kept response may be sent without asking Next again. */
export const MAX_AGE_MS = 1000;
/** Bounds: a crawler walking many URLs (or one URL with many query strings) evicts, never grows memory. */
const MAX_ENTRIES = 2000;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_BODY = 2 * 1024 * 1024;

// Written by the page cache handler, loaded by Next outside this bundle (page-cache-state.mjs).
const generation = () => (globalThis as Record<symbol, { n: number } | undefined>)[Symbol.for("spine-press.page-cache.generation")]?.n ?? 0;
const stats = () => (globalThis as Record<symbol, Record<string, number> | undefined>)[Symbol.for("spine-press.page-cache.stats")];

type Kept = { generation: number; at: number; headers: OutgoingHttpHeaders; body: Buffer };

// Headers that belong to one request or one connection, never replayed.
const PER_REQUEST = new Set(["x-request-id", "date", "connection", "keep-alive", "transfer-encoding", "set-cookie"]);
// What a kept page may vary by: the router's headers (such requests never use
// this cache) and the encoding (part of the key). A response that varies by
// anything else (the image optimiser's Accept, say) is not kept.
const VARY_COVERED = new Set([
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
  "accept-encoding",
]);
// Draft mode (signed previews, decision 0019): Next renders these per request.
const DRAFT_COOKIES = /(?:^|;\s*)(?:__prerender_bypass|__next_preview_data)=/;

/**
 * The key a request may be answered from, or undefined when it must go to
 * Next: only plain GETs of a page, keyed by the URL and by what the client
 * accepts as encoding (Next compresses for clients that ask).
 */
export function keyOf(req: IncomingMessage): string | undefined {
  if (req.method !== "GET" || !req.url) return undefined;
  const h = req.headers;
  if (h.rsc !== undefined || h.range !== undefined || h["next-action"] !== undefined || h["next-url"] !== undefined) return undefined;
  for (const name in h) if (name.startsWith("next-router-")) return undefined;
  if (h.cookie !== undefined && DRAFT_COOKIES.test(h.cookie)) return undefined;
  return `${req.url}\n${h["accept-encoding"] ?? ""}`;
}

export type ResponseCache = {
  /** Answers the request from a kept response and returns true, or returns false (and keeps Next's answer when it may). */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  readonly size: number;
};

export function responseCache(now: () => number = Date.now): ResponseCache {
  const kept = new LRUCache<string, Kept>({
    max: MAX_ENTRIES,
    maxSize: MAX_BYTES,
    sizeCalculation: (k) => k.body.length + 512,
  });

  function serve(req: IncomingMessage, res: ServerResponse): boolean {
    const key = keyOf(req);
    if (key === undefined) return false;
    const hit = kept.get(key);
    const current = generation();
    if (hit && hit.generation === current && now() - hit.at < MAX_AGE_MS) {
      const counts = stats();
      if (counts) counts["response:hit"] = (counts["response:hit"] ?? 0) + 1;
      res.writeHead(200, hit.headers);
      res.end(hit.body);
      return true;
    }
    if (hit) kept.delete(key);
    capture(res, (body) => {
      // Next's answer, kept only when it was its cache's copy of the page and nothing changed meanwhile.
      if (res.statusCode !== 200 || res.getHeader("x-nextjs-cache") !== "HIT" || res.hasHeader("set-cookie")) return;
      if (/\b(?:private|no-store)\b/.test(String(res.getHeader("cache-control") ?? ""))) return;
      if (
        !String(res.getHeader("vary") ?? "")
          .split(",")
          .every((v) => v.trim() === "" || VARY_COVERED.has(v.trim().toLowerCase()))
      )
        return;
      if (generation() !== current) return;
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(res.getHeaders())) if (!PER_REQUEST.has(name)) headers[name] = value;
      // The exact bytes sent (compressed when Next compressed them): their length, not chunked encoding.
      headers["content-length"] = body.length;
      kept.set(key, { generation: current, at: now(), headers, body });
    });
    return false;
  }

  return {
    serve,
    get size() {
      return kept.size;
    },
  };
}

type Chunk = string | Buffer | Uint8Array;

/** Collects what is written to `res` (after any compression Next adds) and hands it over once the response is finished. */
function capture(res: ServerResponse, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const add = (chunk: unknown, encoding: unknown) => {
    if (overflow || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const b = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > MAX_BODY) overflow = true;
    else chunks.push(Buffer.from(b)); // a copy: the caller may reuse its buffer
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];
  res.once("finish", () => {
    if (!overflow) done(Buffer.concat(chunks, size));
  });
}
