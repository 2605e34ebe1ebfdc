/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  generateEtags: false,
  reactStrictMode: true,
  // Types are checked by `npm run typecheck` in `npm test` (CI), not again by
  // every build: content, which is what changes between builds, does not change
  // them, and the check cost the build ~20 s and 1.1 GiB at its memory peak
  // (docs/decisions/0052-build-memory.md).
  typescript: { ignoreBuildErrors: true },
  // The page cache (ASCII pages, shared through Redis when REDIS_URL is set) is
  // lib/http/page-cache.mjs, installed by instrumentation.ts rather than named
  // here as `cacheHandler`, which would cost a module import per request
  // (lib/http/install-page-cache.ts).
  // inlineCss stays off: an inlined <style> would need its own CSP hash on every
  // page, and the one small stylesheet is cached by the browser after the first page.
  // globalNotFound: the 404 page for unmatched URLs renders on its own instead
  // of riding along in every page's RSC payload (app/global-not-found.tsx).
  // turbopackFileSystemCacheForBuild off: Turbopack's on-disk cache for builds kept
  // ~0.3 GiB more in memory through the whole build (2.0 against 1.74 GiB at
  // 1,000 articles) for a faster rebuild only where .next/cache survives, which a
  // container or CI build never has (decision 0052).
  experimental: { inlineCss: false, globalNotFound: true, turbopackFileSystemCacheForBuild: false },
  // Source maps in the prerendering worker: ~0.1 GiB at 1,000 articles; a
  // prerender error still names its page (decision 0052).
  enablePrerenderSourceMaps: false,
  // contentlayer2 runs as its own step (`contentlayer2 build`) before `next build`:
  // its webpack plugin does not work with Turbopack, Next 16's default.
  // @react-email/render imports react-dom/server, which Next refuses inside
  // its route bundles; loaded by Node at run time it renders every email.
  // prom-client: the metrics registry (lib/metrics) is shared with server.ts on globalThis.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "nodemailer", "@react-email/render", "prom-client"],
  // Old addresses (content/redirects.yaml, docs/decisions/0026): proxy.ts answers those ending in "/"
  // (and strips the slash from any other, as Next would), and a request no route matched falls back
  // to one statically generated redirect route, so ordinary pages never test the redirect list.
  skipTrailingSlashRedirect: true,
  // Raster images (hero photos, portraits) as AVIF where the browser takes it, else WebP: sharp
  // encodes each size once and the optimiser caches it (components/content-image.tsx).
  images: { formats: ["image/avif", "image/webp"] },
  async rewrites() {
    return { beforeFiles: [], afterFiles: [], fallback: [{ source: "/:path*", destination: "/moved-permanently/:path*" }] };
  },
  // Security headers are set by server.ts for every response (one place, no
  // per-request rule matching); each page's Content-Security-Policy comes
  // with the page (lib/http/csp.mjs).
};

export default nextConfig;
