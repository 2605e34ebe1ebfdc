// The response cache in front of Next (server.ts), over real HTTP: a stand-in
// for Next's handler answers as Next does for a page from its cache (or not),
// and counts how often it was asked.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pagesChanged, pageCacheStats } from "./page-cache-state.mjs";
import { MAX_AGE_MS, responseCache, type ResponseCache } from "./response-cache";

let clock = 0;
let nextCalls = 0;
let cache: ResponseCache;
let server: Server;
let base: string;
/** What the stand-in for Next answers next; tests change it. */
let answer: { status?: number; cache?: string; headers?: Record<string, string>; body?: string; duringRequest?: () => void };

const PAGE = "<!DOCTYPE html><html><body><h1>Posture and back pain</h1></body></html>";

function standInForNext(req: IncomingMessage, res: ServerResponse) {
  nextCalls++;
  answer.duringRequest?.();
  res.statusCode = answer.status ?? 200;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  if (answer.cache) res.setHeader("x-nextjs-cache", answer.cache);
  for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
  const body = `${answer.body ?? PAGE}<!-- ${nextCalls} -->`;
  if (/gzip/.test(req.headers["accept-encoding"] ?? "")) {
    res.setHeader("Content-Encoding", "gzip");
    // Written in two pieces, as a stream would be.
    const z = gzipSync(body);
    res.write(z.subarray(0, 10));
    res.end(z.subarray(10));
  } else {
    res.write(body.slice(0, 20));
    res.end(body.slice(20));
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("X-Request-Id", String(Math.random()));
    if (cache.serve(req, res)) return;
    standInForNext(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  cache = responseCache(() => clock);
  nextCalls = 0;
  answer = {
    cache: "HIT",
    headers: {
      "Cache-Control": "s-maxage=31536000",
      "content-security-policy": "script-src 'self'",
      // What Next sends with a page.
      Vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding",
    },
  };
});

async function get(path = "/articles/posture-myths", headers: Record<string, string> = {}) {
  // fetch asks for gzip unless told otherwise; a plain GET asks for the page as it is.
  const res = await fetch(base + path, { headers: { "accept-encoding": "identity", ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe("a page Next served from its cache", () => {
  it("is sent again from memory, with Next's headers and a request id of its own", async () => {
    const first = await get();
    const second = await get();
    expect(nextCalls).toBe(1);
    expect(second.text).toBe(first.text);
    expect(second.text).toContain("Posture and back pain");
    expect(second.headers.get("content-security-policy")).toBe("script-src 'self'");
    expect(second.headers.get("x-nextjs-cache")).toBe("HIT");
    expect(second.headers.get("content-length")).toBe(String(Buffer.byteLength(first.text)));
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(pageCacheStats["response:hit"]).toBeGreaterThan(0);
  });

  it("goes back to Next as soon as the page cache changes (a revalidation, here or through Redis)", async () => {
    await get();
    await get();
    pagesChanged();
    const after = await get();
    expect(nextCalls).toBe(2);
    expect(after.text).toContain("<!-- 2 -->");
  });

  it("goes back to Next after MAX_AGE_MS", async () => {
    await get();
    clock += MAX_AGE_MS - 1;
    await get();
    expect(nextCalls).toBe(1);
    clock += 1;
    await get();
    expect(nextCalls).toBe(2);
  });

  it("is not kept when the page cache changed while Next was answering", async () => {
    answer.duringRequest = () => pagesChanged();
    await get();
    answer.duringRequest = undefined;
    await get();
    expect(nextCalls).toBe(2);
  });

  it("is kept per encoding the client accepts: compressed bytes only for clients that asked", async () => {
    const zipped1 = await get("/articles/posture-myths", { "accept-encoding": "gzip" });
    const plain = await get();
    const zipped2 = await get("/articles/posture-myths", { "accept-encoding": "gzip" });
    expect(nextCalls).toBe(2);
    expect(plain.text).toContain("<!-- 2 -->");
    expect(plain.headers.get("content-encoding")).toBeNull();
    // fetch decompresses: the second gzip reader got the bytes Next compressed for the first.
    expect(zipped2.headers.get("content-encoding")).toBe("gzip");
    expect(zipped2.text).toBe(zipped1.text);
    expect(zipped2.text).toContain("<!-- 1 -->");
  });

  it("is kept per URL, query string included", async () => {
    await get("/?p=12");
    await get("/");
    await get("/?p=12");
    expect(nextCalls).toBe(2);
  });
});

describe("what is never kept", () => {
  for (const [what, a] of [
    ["a page Next rendered anew (MISS)", { cache: "MISS" }],
    ["a stale page being regenerated", { cache: "STALE" }],
    ["a page rendered per request (no cache header)", { cache: undefined }],
    ["a 404", { status: 404 }],
    ["a response that sets a cookie", { headers: { "Set-Cookie": "a=b" } }],
    ["a private response", { headers: { "Cache-Control": "private, no-cache" } }],
    ["a response that varies by another header (the image optimiser's Accept)", { headers: { Vary: "Accept" } }],
  ] as const) {
    it(what, async () => {
      answer = { ...answer, ...a };
      await get();
      await get();
      expect(nextCalls).toBe(2);
    });
  }
});

describe("requests always answered by Next", () => {
  for (const [what, headers] of [
    ["router requests (RSC payload)", { rsc: "1" }],
    ["router prefetches", { "next-router-prefetch": "1" }],
    ["intercepted routes (next-url)", { "next-url": "/articles" }],
    ["draft mode (signed previews)", { cookie: "theme=dark; __prerender_bypass=abc" }],
    ["range requests", { range: "bytes=0-10" }],
  ] as const) {
    it(what, async () => {
      await get("/articles/posture-myths", headers);
      await get("/articles/posture-myths", headers);
      expect(nextCalls).toBe(2);
    });
  }

  it("a draft-mode request is not answered with the published page kept for readers", async () => {
    await get();
    await get("/articles/posture-myths", { cookie: "__prerender_bypass=abc" });
    expect(nextCalls).toBe(2);
  });

  it("HEAD and POST", async () => {
    await get();
    await fetch(base + "/articles/posture-myths", { method: "HEAD" });
    await fetch(base + "/articles/posture-myths", { method: "POST", body: "x" });
    expect(nextCalls).toBe(3);
  });
});
