// The baseline of `npm run bench:pages`: a bare Next app of the product's own
// Next and React versions (bench/bare-next/package.json; bench/pages.ts checks
// they match), one static page, Next's defaults. It has its own node_modules:
// with the repository as its Turbopack root, Next would also compile the
// product's instrumentation.ts into it. Never part of the product's build.
import { fileURLToPath } from "node:url";

/** @type {import('next').NextConfig} */
const nextConfig = { turbopack: { root: fileURLToPath(new URL(".", import.meta.url)) } };

export default nextConfig;
