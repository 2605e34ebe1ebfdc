/**
 * Old addresses (a WordPress site's permalinks, `?p=123`, category and tag
 * archives, feeds) → where their content lives now, from
 * content/redirects.yaml. This module is the rule both sides share: the
 * importer writes `from` values, the server looks requests up, and both
 * compare through `redirectKey`, so `/2019/03/Walking/`, `/2019/03/walking`
 * and `/2019/03/walking/?utm_source=x` all find the same entry.
 *
 * Serving (docs/decisions/0026): proxy.ts, whose matcher fires only for
 * addresses ending in "/" and for the home page with a WordPress query
 * (`?p=`, `?page_id=`, …), and app/(legacy)/[...path], a statically
 * generated route only URLs nothing else matched reach; both answer 301
 * from a map compiled into the build (no database, nothing read per
 * request), and an unknown URL still gets the site's 404 page.
 */

import { isFrontPageQuery, WORDPRESS_QUERY_KEYS } from "../content/site-paths";

export { isFrontPageQuery, WORDPRESS_QUERY_KEYS };

export type Redirect = { from: string; to: string };

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The comparable form of an address: decoded, lower-case, single slashes,
 * no trailing slash, and (on the front page only) the first WordPress query
 * parameter. Returns null for addresses that can never be old permalinks.
 */
export function redirectKey(pathname: string, query?: URLSearchParams | string): string | null {
  let path = decode(pathname)
    .toLowerCase()
    .replace(/\/{2,}/g, "/");
  if (!path.startsWith("/")) path = `/${path}`;
  if (path.length > 1 && path.endsWith("/")) path = path.replace(/\/+$/, "") || "/";
  if (path === "/index.php") path = "/";
  if (path === "/" && query) {
    const params = typeof query === "string" ? new URLSearchParams(query) : query;
    for (const k of WORDPRESS_QUERY_KEYS) {
      const v = params.get(k);
      if (v) return `/?${k}=${decode(v).toLowerCase()}`;
    }
    return null;
  }
  return path === "/" ? null : path;
}

/** The key of a `from` as written in content/redirects.yaml ("/2019/03/walking/", "/?p=12"). */
export function keyOfFrom(from: string): string | null {
  const q = from.indexOf("?");
  return q < 0 ? redirectKey(from) : redirectKey(from.slice(0, q), from.slice(q + 1));
}

export type RedirectMap = Record<string, string>;

/** The lookup table compiled at build time: key → target. Earlier entries win. */
export function compileRedirects(list: Redirect[]): RedirectMap {
  const map: RedirectMap = {};
  for (const r of list) {
    const k = keyOfFrom(r.from);
    if (k && !(k in map) && k !== keyOfFrom(r.to)) map[k] = r.to;
  }
  return map;
}

/** The longest `from` worth looking up: anything longer is no old permalink. */
export const MAX_FROM_LENGTH = 2048;
