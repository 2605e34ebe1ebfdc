// Old addresses without a trailing slash (the proxy answers those with one):
// next.config.mjs's fallback rewrite sends here only requests no page
// matched, so ordinary pages never pay for the redirect list. One static
// response per `from` in content/redirects.yaml, generated at build time;
// any other address is not in the list (dynamicParams = false) and gets the
// site's 404 page, writing nothing to the page cache (docs/decisions/0026).
import { findRedirect, redirectPaths } from "@/lib/http/redirect-map";

export const dynamicParams = false;

export function generateStaticParams() {
  return redirectPaths().map((from) => ({ from: from.slice(1).split("/").map(decodeSegment) }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ from: string[] }> }) {
  const to = findRedirect(`/${(await params).from.map(encodeURIComponent).join("/")}`);
  // Every generated path has a target; this only runs at build time.
  return new Response(null, { status: to ? 301 : 404, headers: to ? { Location: to } : {} });
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
