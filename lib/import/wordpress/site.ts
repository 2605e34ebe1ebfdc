import type { WxrSite } from "./wxr";

/**
 * The old WordPress site's addresses: which links in a post point into it,
 * and where its uploads live. WordPress sites move between http and https
 * and www and no www, and serve uploads from CDNs (files.wordpress.com,
 * Jetpack's i0.wp.com), so "internal" is judged by host name without www
 * and the uploads path is found wherever it sits.
 */
export class OldSite {
  readonly base: URL;
  readonly host: string;
  private readonly hosts = new Set<string>();

  constructor(site: WxrSite) {
    const candidates = [site.baseBlogUrl, site.link, site.baseSiteUrl].map(parseUrl).filter((u): u is URL => u !== null);
    this.base = candidates[0] ?? new URL("https://wordpress.invalid/");
    if (!this.base.pathname.endsWith("/")) this.base.pathname += "/";
    this.host = bareHost(this.base.hostname);
    for (const u of candidates) this.hosts.add(bareHost(u.hostname));
  }

  /** An absolute URL for an href or src as written in the export, or null if it is not a web address. */
  resolve(href: string): URL | null {
    const h = href.trim();
    if (!h || /^(mailto|tel|javascript|data|vbscript|sms|ftp):/i.test(h)) return null;
    try {
      const u = new URL(h, this.base);
      return u.protocol === "http:" || u.protocol === "https:" ? u : null;
    } catch {
      return null;
    }
  }

  isInternal(u: URL): boolean {
    return this.hosts.has(bareHost(u.hostname));
  }

  /**
   * The path of an uploaded file below wp-content/uploads ("2019/03/photo.jpg"),
   * whether served by the site, WordPress.com's file hosts or Jetpack's CDN; null otherwise.
   */
  uploadsPath(u: URL): string | null {
    const path = decodePath(u.pathname);
    const i = path.indexOf("/wp-content/uploads/");
    if (i >= 0 && (this.isInternal(u) || /(^|\.)wp\.com$/.test(u.hostname) || path.slice(0, i).split("/").length <= 2))
      return clean(path.slice(i + "/wp-content/uploads/".length));
    if (/\.files\.wordpress\.com$/.test(u.hostname)) return clean(path.replace(/^\//, ""));
    return null;
  }
}

function parseUrl(s: string): URL | null {
  if (!s) return null;
  try {
    const u = new URL(/^https?:\/\//i.test(s) ? s : `https://${s}`);
    return u.hostname.includes(".") || u.hostname === "localhost" ? u : null;
  } catch {
    return null;
  }
}

const bareHost = (h: string) => h.toLowerCase().replace(/^www\./, "");

function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function clean(rel: string): string | null {
  const parts = rel.split("/").filter((x) => x && x !== "." && x !== "..");
  return parts.length ? parts.join("/") : null;
}
