// The redirect map the server answers from: content/redirects.yaml, read and
// compiled once per process (the proxy and the route handler both import
// this), never per request and never from the database.
import { readRedirects } from "../content/redirects";
import { compileRedirects, MAX_FROM_LENGTH, redirectKey, type RedirectMap } from "./legacy-redirects";

let compiled: { map: RedirectMap; froms: string[] } | undefined;

function load() {
  if (!compiled) {
    // A malformed file fails content:check (and so the build); here its readable entries still count.
    const { redirects } = readRedirects(process.cwd());
    compiled = { map: compileRedirects(redirects), froms: redirects.map((r) => r.from) };
  }
  return compiled;
}

/** Where an old address leads now, or undefined. */
export function findRedirect(pathname: string, query?: URLSearchParams): string | undefined {
  if (pathname.length > MAX_FROM_LENGTH) return undefined;
  const key = redirectKey(pathname, query);
  return key ? load().map[key] : undefined;
}

/** Every `from` path (query forms excluded), for the statically generated redirect route. */
export function redirectPaths(): string[] {
  return load().froms.filter((f) => !f.includes("?"));
}
