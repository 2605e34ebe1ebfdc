/**
 * What is already in the repository, as far as an import cares: existing
 * article, author, category and page files (so nothing is overwritten by a
 * name clash), the address space the site's own routes occupy, and the
 * import manifest — the importer's record of every file it wrote and what
 * it wrote there, which is how a re-run tells an untouched imported file
 * (safe to refresh) from one an editor has changed since (left alone).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

export const MANIFEST_FILE = "imports/wordpress.json";

export type ManifestEntry = { file: string; sha256: string };
export type Manifest = { version: 1; site: string; entries: Record<string, ManifestEntry> };

export type RepoState = {
  root: string;
  articleSlugs: Set<string>;
  authors: { slug: string; name: string }[];
  categories: Set<string>;
  /** Paths of existing static pages (frontmatter `path`), lower-case, without trailing slash. */
  pagePaths: Set<string>;
  /** First path segments the site itself serves (routes in app/, folders and files in public/). */
  reservedSegments: Set<string>;
  manifest: Manifest;
};

export const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

function listFiles(dir: string, ext: string, recursive: boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive }).flatMap((d) =>
    d.isFile() && d.name.endsWith(ext) ? [path.join(d.parentPath ?? (d as { path?: string }).path ?? dir, d.name)] : [],
  );
}

export function frontmatterOf(file: string): Record<string, unknown> {
  const text = readFileSync(file, "utf8");
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return {};
  try {
    const data = YAML.parse(m[1]);
    return data && typeof data === "object" ? data : {};
  } catch {
    return {};
  }
}

/** Route segments of app/ (route groups and private folders looked through) and top-level names in public/. */
export function reservedSegments(root: string): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.name.startsWith("_")) continue;
      if (d.isDirectory()) {
        if (/^\(.*\)$/.test(d.name)) walk(path.join(dir, d.name));
        else if (!d.name.startsWith("[") && !d.name.startsWith("@")) out.add(d.name.toLowerCase());
      } else if (
        /\.(ts|tsx|js)$/.test(d.name) &&
        !/^(page|layout|route|template|loading|error|not-found|global-[a-z-]+|default)\./.test(d.name)
      ) {
        // Metadata files (sitemap.ts, robots.ts, icon.svg, …) answer at their own name.
        const base = d.name.replace(/\.(ts|tsx|js)$/, "");
        out.add(base === "sitemap" ? "sitemap.xml" : base === "robots" ? "robots.txt" : base);
      } else if (/\.(svg|png|ico|jpg)$/.test(d.name)) out.add(d.name.toLowerCase());
    }
  };
  walk(path.join(root, "app"));
  const pub = path.join(root, "public");
  if (existsSync(pub)) for (const d of readdirSync(pub)) out.add(d.toLowerCase());
  out.add("_next");
  return out;
}

export function readManifest(root: string): Manifest {
  const file = path.join(root, MANIFEST_FILE);
  if (!existsSync(file)) return { version: 1, site: "", entries: {} };
  try {
    const m = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    if (m && m.version === 1 && m.entries && typeof m.entries === "object") return m;
  } catch {
    // an unreadable manifest is treated as none: every existing file is then "not the importer's" and left alone
  }
  return { version: 1, site: "", entries: {} };
}

export function readRepo(root: string): RepoState {
  const content = path.join(root, "content");
  const slugOf = (f: string, ext: string) => path.basename(f, ext);
  const pagePaths = new Set<string>();
  for (const f of listFiles(path.join(content, "pages"), ".mdx", true)) {
    const p = frontmatterOf(f).path;
    if (typeof p === "string") pagePaths.add(p.toLowerCase().replace(/\/+$/, "") || "/");
  }
  return {
    root,
    articleSlugs: new Set(listFiles(path.join(content, "articles"), ".mdx", true).map((f) => slugOf(f, ".mdx"))),
    authors: listFiles(path.join(content, "authors"), ".mdx", false).map((f) => ({
      slug: slugOf(f, ".mdx"),
      name: String(frontmatterOf(f).name ?? ""),
    })),
    categories: new Set(listFiles(path.join(content, "categories"), ".yaml", false).map((f) => slugOf(f, ".yaml"))),
    pagePaths,
    reservedSegments: reservedSegments(root),
    manifest: readManifest(root),
  };
}
