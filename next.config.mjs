import { fileURLToPath } from "node:url";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  generateEtags: false,
  reactStrictMode: true,
  // Next's page cache, storing each page's HTML as ASCII: Node writes such a
  // string ~10x faster (lib/http/ascii-html.mjs, docs/performance.md).
  cacheHandler: fileURLToPath(new URL("./lib/http/ascii-page-cache.mjs", import.meta.url)),
  // One small stylesheet: inlining it removes the render-blocking request.
  // globalNotFound: the 404 page for unmatched URLs renders on its own instead
  // of riding along in every page's RSC payload (app/global-not-found.tsx).
  experimental: { inlineCss: false, globalNotFound: true },
  // contentlayer2 runs as its own step (`contentlayer2 build`) before `next build`:
  // its webpack plugin does not work with Turbopack, Next 16's default.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "nodemailer"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
