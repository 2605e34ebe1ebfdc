// URL paths of the site: which ones the application's own routes own, which
// ones content publishes, and what a well-formed path an editor writes looks like.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * First path segments that belong to the application's routes (app/), so a
 * static page may not be served under them. Kept as a list as well as read
 * from app/ so the check gives the same answer in a checkout without app/
 * (the tests' fixture projects) and still learns routes added later.
 */
const KNOWN_ROUTE_SEGMENTS = [
  "api",
  "articles",
  "authors",
  "categories",
  "comments",
  "dev",
  "feed.xml",
  "newsletter",
  "privacy",
  "products",
  "tags",
  "_next",
  "robots.txt",
  "sitemap.xml",
  "icon.svg",
  "favicon.ico",
];

/** Route folder names under app/ (route groups such as "(site)" are looked into, dynamic segments skipped). */
function appSegments(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const name = entry.name;
    if (name.startsWith("(") && name.endsWith(")")) found.push(...appSegments(path.join(dir, name)));
    else if (!/^[[_@.]/.test(name)) found.push(name);
  }
  return found;
}

/** Every first segment the application's own routes use. */
export function reservedRouteSegments(root = process.cwd()): Set<string> {
  return new Set([...KNOWN_ROUTE_SEGMENTS, ...appSegments(path.join(root, "app"))]);
}

/** Lower-case words (letters, digits, joined by -, _ or .) between slashes, no trailing slash. */
const PAGE_PATH = /^(?:\/[a-z0-9]+(?:[-_.][a-z0-9]+)*)+$/;

/**
 * Why a static page's `path` is not usable, or undefined when it is. The
 * sentence says what to write instead.
 */
export function pagePathProblem(value: string, reserved: Set<string>): string | undefined {
  if (!value.startsWith("/")) return `path "${value}" must start with a slash, e.g. /${value.replace(/^\/*/, "")}`;
  if (value === "/") return 'path "/" is the home page; choose another path such as /about';
  if (value.length > 1 && value.endsWith("/")) return `path "${value}" ends with a slash; write ${value.replace(/\/+$/, "")}`;
  if (!PAGE_PATH.test(value)) {
    const suggestion = value
      .toLowerCase()
      .replace(/[^a-z0-9/._-]+/g, "-")
      .replace(/\/+/g, "/")
      .replace(/-+/g, "-")
      .replace(/(^|\/)[-_.]+|[-_.]+(?=\/|$)/g, "$1");
    return `path "${value}" must be lower-case words joined by hyphens between slashes, such as ${PAGE_PATH.test(suggestion) ? suggestion : "/about or /2019/05/old-page"}`;
  }
  const first = value.split("/")[1];
  if (reserved.has(first)) return `path "${value}" is under /${first}, which the site's own pages use; choose a path outside it`;
  return undefined;
}

/**
 * Why a path written in a redirect (its `from`) is not usable. Looser than a
 * page path: old addresses moved in from elsewhere may have capitals or
 * encoded characters, and must be kept exactly as they were.
 */
export function sitePathProblem(value: string, what: string): string | undefined {
  if (!value.startsWith("/")) return `${what} "${value}" must be a path on this site starting with a slash, e.g. /${value.replace(/^\/*/, "")}`;
  if (/\s/.test(value)) return `${what} "${value}" contains a space; write it as %20 or remove it`;
  if (value.includes("#")) return `${what} "${value}" has a #fragment; browsers never send it, so it cannot be redirected`;
  if (value.includes("?")) return `${what} "${value}" has a ?query; only paths can be redirected`;
  if (value.includes("//")) return `${what} "${value}" contains an empty segment (//)`;
  if (value.split("/").some((s) => s === "." || s === "..")) return `${what} "${value}" contains a . or .. segment`;
  if (value.length > 1 && value.endsWith("/"))
    return `${what} "${value}" ends with a slash; write ${value.replace(/\/+$/, "")} (the site answers both forms)`;
  let parsed: string;
  try {
    parsed = new URL(value, "https://site.invalid").pathname;
  } catch {
    return `${what} "${value}" is not a valid path`;
  }
  if (parsed !== value) return `${what} "${value}" has characters that must be percent-encoded; write ${parsed}`;
  return undefined;
}

/** The query parameters WordPress routes by on its front page, in the order it checks them. */
export const WORDPRESS_QUERY_KEYS = ["p", "page_id", "attachment_id", "cat", "tag", "author", "feed", "m"] as const;

/** A WordPress front-page query (`/?p=12`): an old address the redirect map may list. */
export function isFrontPageQuery(from: string): boolean {
  return new RegExp(`^/\\?(${WORDPRESS_QUERY_KEYS.join("|")})=[A-Za-z0-9_.%-]{1,200}$`).test(from);
}
