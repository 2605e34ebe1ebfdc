// Next's request proxy (middleware). Its matcher names the only requests
// that pass through here; static and regenerated pages never do.
//
// 1. Old addresses (docs/decisions/0026): addresses ending in "/" and the
//    front page with a WordPress query (?p=12, ?page_id=3, …). An old
//    address listed in content/redirects.yaml answers with a 301; any other
//    address ending in "/" is redirected without the slash (Next's own
//    redirect for that is switched off in next.config.mjs, so an old
//    permalink is answered in one hop).
// 2. Pages rendered per request get a fresh Content-Security-Policy nonce:
//    Next puts it on the scripts it emits when the request carries a policy
//    with one. Static pages carry their own script hashes (lib/http/csp.mjs,
//    via the page cache).
import { NextResponse, type NextRequest } from "next/server";
import { findRedirect } from "./lib/http/redirect-map";
import { noncePolicy } from "./lib/http/csp.mjs";

export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  const target = findRedirect(pathname, searchParams);
  if (target) return NextResponse.redirect(new URL(target, request.nextUrl), 301);
  if (pathname.length > 1 && pathname.endsWith("/")) {
    // A plain URL: NextURL would put the trailing slash back when formatting.
    const url = new URL(`${pathname.replace(/\/+$/, "") || "/"}${request.nextUrl.search}`, request.url);
    // 301 for reads, as old WordPress links expect; 308 keeps a POST a POST.
    return NextResponse.redirect(url, request.method === "GET" || request.method === "HEAD" ? 301 : 308);
  }
  // The front page with an unknown WordPress query: the (static) home page, as before.
  if (pathname === "/") return NextResponse.next();
  // An issue's email for the newsroom's preview frames carries its own sandboxing policy (its route sets it).
  if (/^\/newsroom\/newsletters\/[^/]+\/email$/.test(pathname)) return NextResponse.next();

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  // The newsroom's issue pages frame the email from this origin (sandboxed previews).
  const csp = noncePolicy(nonce, process.env, { frames: pathname.startsWith("/newsroom/newsletters/") ? ["'self'"] : [] });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

// Literal objects: Next reads this config without running the module.
export const config = {
  matcher: [
    // Every page rendered per request, and only those.
    "/comments/status",
    "/comments/confirm-browser",
    "/newsletter/signup",
    "/newsletter/link-problem",
    "/newsletter/preferences",
    "/newsletter/unsubscribe",
    "/search",
    "/dev/:path*",
    // Signed previews (decision 0019): draft mode renders these per request; readers without the cookie never pass here.
    { source: "/articles/:slug", has: [{ type: "cookie", key: "__prerender_bypass" }] },
    { source: "/newsletter/archive/:slug", has: [{ type: "cookie", key: "__prerender_bypass" }] },
    "/newsroom",
    "/newsroom/:path*",
    // Old addresses.
    "/:path+/",
    { source: "/", has: [{ type: "query", key: "p" }] },
    { source: "/", has: [{ type: "query", key: "page_id" }] },
    { source: "/", has: [{ type: "query", key: "attachment_id" }] },
    { source: "/", has: [{ type: "query", key: "cat" }] },
    { source: "/", has: [{ type: "query", key: "tag" }] },
    { source: "/", has: [{ type: "query", key: "author" }] },
    { source: "/", has: [{ type: "query", key: "feed" }] },
    { source: "/", has: [{ type: "query", key: "m" }] },
  ],
};
