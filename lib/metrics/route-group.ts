/**
 * The route group a request path belongs to: the label of the request
 * metrics. A short fixed list, whatever the path (a label per URL would
 * grow without bound and slow every scrape).
 */
const GROUPS: [prefix: string, group: string][] = [
  ["/_next/", "assets"],
  ["/images/", "images"],
  ["/articles/", "article"],
  ["/api/comments", "api-comments"],
  ["/api/newsletter", "api-newsletter"],
  ["/api/health", "health"],
  ["/api/metrics", "metrics"],
  ["/api/", "api-other"],
  ["/search", "search"],
  ["/newsletter", "newsletter"],
  ["/comments/", "comments"],
  ["/dev/", "dev"],
  ["/feed", "feeds"],
  ["/sitemap", "feeds"],
  ["/robots.txt", "feeds"],
  ["/authors/", "listing"],
  ["/categories/", "listing"],
  ["/tags/", "listing"],
];

export function routeGroup(url: string | undefined): string {
  if (!url || url === "/" || url.startsWith("/?")) return "home";
  for (const [prefix, group] of GROUPS) if (url.startsWith(prefix)) return group;
  return "other-page";
}
