/**
 * From a read export to everything an import would do, without doing any of
 * it: the files to write (articles, pages, authors, categories, avatars,
 * copied media), the comments to insert, the redirects to add, and the
 * report. Pure apart from looking at the uploads folder; apply.ts writes.
 *
 * The mapping, item by item (docs/decisions/0025):
 * - post → content/articles/<slug>.mdx. publish → published; future → a
 *   future `published` date; draft and pending → `draft: true`; password-
 *   protected → draft, reported; private, trashed and auto-drafts → skipped,
 *   reported.
 * - page → content/pages/<path>.mdx served at its old path.
 * - the primary category (Yoast or Rank Math's choice, else the first that
 *   is not "Uncategorized") → `category`; the other categories and the tags
 *   → `tags`.
 * - comments → Comment rows keyed by their WordPress id (importedId).
 * - old addresses → content/redirects.yaml.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { keyOfFrom, redirectKey, type Redirect } from "../../http/legacy-redirects";
import { tagSlug } from "../../content/queries";
import { yamlDocument, type YamlValue } from "./frontmatter";
import { convertBody, type BodyIssue } from "./html/convert";
import { ConvertEnvironment, MEDIA_DIR, type Attachment } from "./environment";
import { fileName, humanise, type AttachmentInfo } from "./html/prepare";
import { emptyReport, type Attention, type ImportReport, type Kind } from "./report";
import type { RepoState } from "./repo";
import { OldSite } from "./site";
import { SlugPool, toSlug } from "./slug";
import { commentText, fitDescription, isoSeconds, parseWpDate, plainInline } from "./text";
import type { WxrComment, WxrExport, WxrItem } from "./wxr";

export type PlanOptions = {
  /** A copy of wp-content/uploads; referenced files are copied from it. */
  uploads?: string;
  /** WordPress login → existing author slug. */
  authorMap: Record<string, string>;
  now: Date;
  /** Called after each post is converted, for a progress bar. */
  onItem?: (done: number, total: number) => void;
};

export type Output =
  | { key: string; kind: Kind; path: string; content: string; source?: string; tags?: string[] }
  | { key: string; kind: "media"; path: string; copyFrom: string; source?: string };

export type PlannedComment = {
  id: string;
  importedId: string;
  articleSlug: string;
  parentImportedId: string | null;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  body: string;
  status: "approved" | "pending" | "spam";
  createdAt: Date;
};

export type Plan = { outputs: Output[]; comments: PlannedComment[]; redirects: Redirect[]; report: ImportReport };

export const PLACEHOLDER_HERO = `/${MEDIA_DIR}/placeholder-hero.svg`;

type PostKind = "post" | "page";
type Visibility = "published" | "scheduled" | "draft";
type Candidate = {
  item: WxrItem;
  id: string;
  kind: PostKind;
  visibility: Visibility;
  title: string;
  slug: string;
  /** Repository-relative file. */
  file: string;
  /** The URL on the new site. */
  url: string;
  /** For pages: the path they are served at. */
  pagePath?: string;
  source: string;
  notes: Attention[];
};

type CategoryEntry = {
  key: string;
  wpSlug: string;
  slug: string;
  title: string;
  description: string;
  parentKey: string;
  id: string;
  exists: boolean;
};

const CONTENT_TYPES = new Set(["post", "page"]);
const SILENT_TYPES = new Set(["attachment", "wp_block", "revision", "nav_menu_item", "customize_changeset", "oembed_cache", "custom_css"]);

export async function planImport(wxr: WxrExport, exportFile: string, repo: RepoState, options: PlanOptions): Promise<Plan> {
  const report = emptyReport(exportFile, false);
  report.export = {
    file: exportFile,
    site: wxr.site.baseSiteUrl || wxr.site.link,
    title: wxr.site.title,
    wxrVersion: wxr.site.wxrVersion,
    bytes: wxr.size,
  };
  report.notes.push(...wxr.notes);
  const site = new OldSite(wxr.site);
  const src = (line: number, what?: string) => `${path.basename(exportFile)}:${line}${what ? ` (${what})` : ""}`;
  const attention = (a: Attention) => report.attention.push(a);
  const skipTotal = (what: string, n = 1) => (report.skippedTotals[what] = (report.skippedTotals[what] ?? 0) + n);
  const outputs: Output[] = [];
  const manifest = repo.manifest.entries;

  // ---- index attachments, reusable blocks, terms --------------------------
  const attachments = new Map<string, Attachment>();
  const byParent = new Map<string, AttachmentInfo[]>();
  const reusable = new Map<string, string>();
  for (const item of wxr.items) {
    const id = itemId(item);
    if (item.type === "attachment") {
      const a = {
        id,
        url: item.attachmentUrl || item.guid,
        alt: plainInline(item.meta._wp_attachment_image_alt ?? ""),
        caption: plainInline(item.excerpt),
        title: plainInline(item.title),
        parent: item.parent,
        link: item.link,
        line: item.line,
      };
      attachments.set(id, a);
      if (item.parent && item.parent !== "0") byParent.set(item.parent, [...(byParent.get(item.parent) ?? []), a]);
    } else if (item.type === "wp_block") reusable.set(id, item.content);
  }
  const declared = wxr.terms;

  // ---- choose what to import ------------------------------------------------
  const articleSlugs = new SlugPool(
    [...repo.articleSlugs].filter((s) => !Object.values(manifest).some((e) => e.file.endsWith(`/articles/${s}.mdx`))),
  );
  const pageFiles = new SlugPool();
  const pagePathsTaken = new Set(repo.pagePaths);
  const candidates: Candidate[] = [];
  const byId = new Map<string, Candidate>();
  for (const item of wxr.items) {
    const type = item.type || "post";
    if (!CONTENT_TYPES.has(type)) {
      if (!SILENT_TYPES.has(type)) skipTotal(`items of type “${type}”`);
      continue;
    }
    const kind = type as PostKind;
    const id = itemId(item);
    const title = plainInline(item.title);
    const source = src(item.line, `${kind} ${id}`);
    const status = item.status || "publish";
    const skip = (reason: string) => {
      report.skipped.push({ kind, title: title || "(no title)", reason, source });
      report.counts[kind === "post" ? "posts" : "pages"].skipped++;
    };
    if (status === "private") {
      skip("private in WordPress: not imported (publish it there, or copy it by hand, if readers should see it)");
      continue;
    }
    if (status === "trash") {
      skip("in the trash");
      continue;
    }
    if (status === "auto-draft" || status === "inherit") {
      skipTotal(status === "inherit" ? "revisions" : "auto-drafts");
      continue;
    }
    const notes: Attention[] = [];
    let visibility: Visibility = status === "publish" ? "published" : status === "future" ? "scheduled" : "draft";
    if (!["publish", "future", "draft", "pending"].includes(status))
      notes.push({ code: "status", message: `unknown WordPress status “${status}”: imported as a draft`, source });
    if (item.password) {
      visibility = "draft";
      notes.push({
        code: "password",
        message:
          "password-protected in WordPress: imported as a draft, not published; publish it (remove `draft: true`) only if it may be public",
        source,
      });
    }

    const key = `${kind}:${id}`;
    const previous = manifest[key]?.file;
    let slug: string;
    let file: string;
    let url: string;
    let pagePath: string | undefined;
    if (kind === "post") {
      const wanted = toSlug(item.name || title, `post-${id}`);
      if (previous && previous.startsWith("content/articles/")) {
        slug = path.basename(previous, ".mdx");
        articleSlugs.take(slug);
      } else {
        slug = articleSlugs.take(wanted);
        if (slug !== wanted && repo.articleSlugs.has(wanted))
          notes.push({
            code: "slug",
            message: `an article named ${wanted} already exists in the repository; this post was imported as ${slug}`,
            source,
          });
      }
      file = previous ?? `content/articles/${slug}.mdx`;
      url = `/articles/${slug}`;
    } else {
      pagePath = pagePathOf(item, site, wxr.items) ?? `/${toSlug(item.name || title, `page-${id}`)}`;
      const first = pagePath.split("/")[1] ?? "";
      if (repo.reservedSegments.has(first)) {
        const moved = `/pages/${toSlug(item.name || title, `page-${id}`)}`;
        notes.push({
          code: "page-path",
          message: `the page's old address ${pagePath} is one of this site's own routes; it is served at ${moved} instead and its old address is not redirected`,
          source,
        });
        pagePath = moved;
      }
      if (pagePathsTaken.has(pagePath) && !(previous && manifest[key])) {
        const moved = `${pagePath}-${id}`;
        notes.push({ code: "page-path", message: `a page already answers at ${pagePath}; this one is served at ${moved}`, source });
        pagePath = moved;
      }
      pagePathsTaken.add(pagePath);
      slug = pageFiles.take(pagePath.slice(1) || "home");
      file = previous ?? `content/pages/${slug}.mdx`;
      url = pagePath;
    }
    const c: Candidate = { item, id, kind, visibility, title, slug, file, url, pagePath, source, notes };
    candidates.push(c);
    byId.set(id, c);
  }
  const articles = candidates.filter((c) => c.kind === "post");
  const isLive = (c: Candidate) => c.visibility === "published";

  // ---- authors ---------------------------------------------------------------
  const wxrAuthors = new Map(wxr.authors.map((a) => [a.login, a]));
  const authorSlugs = new SlugPool(repo.authors.map((a) => a.slug));
  const authorOf = new Map<string, string>(); // login → slug
  const newAuthors = new Map<string, { slug: string; name: string; bio: string; login: string; line: number }>();
  for (const c of articles) {
    const login = c.item.creator.trim();
    if (authorOf.has(login)) continue;
    const a = wxrAuthors.get(login);
    const name =
      publicName(plainInline(a?.displayName || [a?.firstName, a?.lastName].filter(Boolean).join(" ") || login)) ||
      wxr.site.title ||
      "Editorial team";
    const mapped = options.authorMap[login];
    if (mapped) {
      if (repo.authors.some((x) => x.slug === mapped)) {
        authorOf.set(login, mapped);
        continue;
      }
      attention({
        code: "author-map",
        message: `--author-map maps “${login}” to ${mapped}, which is not in content/authors; an author file was created instead`,
      });
    }
    // An author file this importer wrote before stays that author's, whatever its name says now.
    const previous = manifest[`author:${login}`]?.file;
    const sameName = previous ? undefined : repo.authors.find((x) => personKey(x.name) === personKey(name));
    if (sameName) {
      authorOf.set(login, sameName.slug);
      report.notes.push(`WordPress author “${login}” was matched by name to the existing author ${sameName.slug}`);
      continue;
    }
    const slug = previous ? path.basename(previous, ".mdx") : authorSlugs.take(toSlug(name, toSlug(login, "author")));
    if (previous) authorSlugs.take(slug);
    authorOf.set(login, slug);
    newAuthors.set(login, { slug, name, bio: plainInline(a?.description ?? ""), login, line: a?.line ?? c.item.line });
  }

  // ---- categories and tags ---------------------------------------------------
  const categories = new Map<string, CategoryEntry>(); // by WordPress slug (decoded, lower-case)
  const catById = new Map<string, string>();
  const catSlugs = new SlugPool();
  const addCategory = (wpSlug: string, name: string, description = "", parent = "", id = "") => {
    const key = decodeSafe(wpSlug || name).toLowerCase();
    const existing = categories.get(key);
    if (existing) {
      if (!existing.parentKey && parent) existing.parentKey = decodeSafe(parent).toLowerCase();
      if (!existing.id && id) existing.id = id;
      return existing;
    }
    const slug = catSlugs.take(toSlug(wpSlug || name, toSlug(name, `category-${categories.size + 1}`)));
    const entry: CategoryEntry = {
      key,
      wpSlug: wpSlug || slug,
      slug,
      title: plainInline(name) || slug,
      description: plainInline(description),
      parentKey: decodeSafe(parent).toLowerCase(),
      id,
      exists: repo.categories.has(slug),
    };
    categories.set(key, entry);
    if (id) catById.set(id, key);
    return entry;
  };
  for (const t of declared) if (t.taxonomy === "category") addCategory(t.slug, t.name, t.description, t.parent, t.id);
  const tagNames = new Map<string, string>(); // WordPress tag slug → name
  for (const t of declared) if (t.taxonomy === "post_tag") tagNames.set(decodeSafe(t.slug || t.name).toLowerCase(), plainInline(t.name));

  type Filing = { category: string; tags: string[]; categoryKeys: string[] };
  const filing = new Map<Candidate, Filing>();
  const usedCategoryKeys = new Set<string>();
  for (const c of articles) {
    const cats = c.item.terms.filter((t) => t.domain === "category").map((t) => addCategory(t.nicename, t.name));
    const tags = c.item.terms
      .filter((t) => t.domain === "post_tag")
      .map((t) => {
        const name = plainInline(t.name) || tagNames.get(decodeSafe(t.nicename).toLowerCase()) || t.nicename;
        if (t.nicename) tagNames.set(decodeSafe(t.nicename).toLowerCase(), name);
        return name;
      });
    const primaryId = c.item.meta._yoast_wpseo_primary_category || c.item.meta.rank_math_primary_category || "";
    let primary = primaryId ? cats.find((x) => x.id === primaryId || categories.get(catById.get(primaryId) ?? "") === x) : undefined;
    primary ??= cats.find((x) => x.slug !== "uncategorized") ?? cats[0];
    primary ??= addCategory("uncategorized", "Uncategorized");
    const others = cats.filter((x) => x !== primary).map((x) => x.title);
    const allTags = dedupeTags([...others, ...tags]);
    filing.set(c, { category: primary.slug, tags: allTags, categoryKeys: [primary.key] });
    usedCategoryKeys.add(primary.key);
  }
  // Parents of used categories are needed too (a child names its parent).
  for (const k of [...usedCategoryKeys]) {
    let p = categories.get(k)?.parentKey;
    const seen = new Set<string>([k]);
    while (p && !seen.has(p)) {
      seen.add(p);
      const parent = categories.get(p) ?? addCategory(p, p);
      usedCategoryKeys.add(parent.key);
      p = parent.parentKey;
    }
  }
  const liveTags = new Set<string>();
  for (const c of articles) if (isLive(c)) for (const t of filing.get(c)!.tags) liveTags.add(tagSlug(t));

  // ---- where old addresses lead -----------------------------------------------
  const targets = new Map<string, string>(); // redirect key → new URL
  const hidden = new Map<string, string>(); // key → why a link there cannot be followed
  const addTarget = (from: string | URL | null | undefined, to: string) => {
    const k = typeof from === "string" ? keyOfFrom(from) : from ? redirectKey(from.pathname, from.searchParams) : null;
    if (k && !targets.has(k)) targets.set(k, to);
  };
  const oldUrl = (s: string) => (s ? site.resolve(s) : null);
  for (const c of candidates) {
    const link = oldUrl(c.item.link);
    const internal = link && site.isInternal(link) ? link : null;
    if (c.kind === "post" && !isLive(c)) {
      for (const k of [internal ? redirectKey(internal.pathname, internal.searchParams) : null, `/?p=${c.id}`])
        if (k) hidden.set(k, `“${c.title}”, which is imported as ${c.visibility === "draft" ? "a draft" : "a scheduled article"}`);
      continue;
    }
    if (c.kind === "page" && c.visibility !== "published") continue;
    addTarget(internal, c.url);
    addTarget(c.kind === "post" ? `/?p=${c.id}` : `/?page_id=${c.id}`, c.url);
    const guid = oldUrl(c.item.guid);
    if (guid && site.isInternal(guid) && guid.searchParams.has(c.kind === "post" ? "p" : "page_id")) addTarget(guid, c.url);
  }
  for (const [, a] of attachments) {
    const parent = byId.get(a.parent);
    if (parent && isLive(parent)) {
      const link = oldUrl(a.link);
      if (link && site.isInternal(link)) addTarget(link, parent.url);
      addTarget(`/?attachment_id=${a.id}`, parent.url);
    }
  }
  const categoryPath = (e: CategoryEntry): string => {
    const parts = [e.wpSlug];
    const seen = new Set([e.key]);
    let p = e.parentKey ? categories.get(e.parentKey) : undefined;
    while (p && !seen.has(p.key)) {
      seen.add(p.key);
      parts.unshift(p.wpSlug);
      p = p.parentKey ? categories.get(p.parentKey) : undefined;
    }
    return parts.join("/");
  };
  const basePath = site.base.pathname.replace(/\/$/, "");
  for (const k of usedCategoryKeys) {
    const e = categories.get(k)!;
    const to = `/categories/${e.slug}`;
    addTarget(`${basePath}/category/${categoryPath(e)}/`, to);
    addTarget(`${basePath}/category/${e.wpSlug}/`, to);
    if (e.id) addTarget(`/?cat=${e.id}`, to);
  }
  for (const [wpSlug, name] of tagNames)
    if (liveTags.has(tagSlug(name))) {
      addTarget(`${basePath}/tag/${wpSlug}/`, `/tags/${tagSlug(name)}`);
      addTarget(`/?tag=${wpSlug}`, `/tags/${tagSlug(name)}`);
    }
  for (const [login, slug] of authorOf) {
    const a = wxrAuthors.get(login);
    addTarget(`${basePath}/author/${toSlug(login, login.toLowerCase())}/`, `/authors/${slug}`);
    if (a?.id) addTarget(`/?author=${a.id}`, `/authors/${slug}`);
  }
  for (const f of ["/feed/", "/feed/rss2/", "/feed/rss/", "/feed/atom/", "/feed/rdf/", "/rss/", "/comments/feed/"])
    addTarget(`${basePath}${f}`, "/feed.xml");
  addTarget("/?feed=rss2", "/feed.xml");

  // ---- converting: links, media, then every post and page ------------------------------
  const env = new ConvertEnvironment({
    site: wxr.site,
    targets,
    hidden,
    attachments,
    attachmentsByParent: byParent,
    reusable,
    uploads: options.uploads,
  });
  const media = (raw: string) => env.media(raw);
  // Converting is most of an import's CPU (about 4 ms a post). Worker threads were tried: on this
  // project's loaded 2-core machines they made the import slower (docs/decisions/0027).
  const converted = candidates.map((c, i) => {
    const r = convertBody(c.item.content, env.contextFor(c.id, c.item.meta.footnotes));
    options.onItem?.(i + 1, candidates.length);
    return r;
  });

  // ---- convert each post and page -------------------------------------------------
  const placeholderNeeded = { hero: false };
  const outputsByCandidate: { c: Candidate; content: string }[] = [];
  for (const [index, c] of candidates.entries()) {
    const body = converted[index];
    const title = c.title || `Untitled ${c.kind} ${c.id}`;
    if (!c.title) c.notes.push({ code: "title", message: `the ${c.kind} had no title; “${title}” was used`, source: c.source });
    // An SEO plugin's meta description was written for search results: it wins over the excerpt.
    const seo = plainInline(
      c.item.meta._yoast_wpseo_metadesc || c.item.meta.rank_math_description || c.item.meta._aioseo_description || "",
    );
    const excerpt = seo && !seo.includes("%%") ? seo : plainInline(c.item.excerpt);
    let description = fitDescription(excerpt || body.text);
    if (description.length < 50 && body.text && excerpt) description = fitDescription(`${excerpt} ${body.text}`);
    if (!description) description = title;
    if (description.length < 50)
      c.notes.push({
        code: "description",
        message: `description is ${description.length} characters; search results show 50–160: write one`,
        source: c.source,
      });
    const dates = datesOf(c, options.now);
    if (dates.note) c.notes.push({ code: "date", message: dates.note, source: c.source });

    let front: Record<string, YamlValue | undefined>;
    if (c.kind === "post") {
      const f = filing.get(c)!;
      const hero = heroOf(c, body.figures);
      const author = authorOf.get(c.item.creator.trim())!;
      front = {
        title,
        description,
        author,
        published: dates.published,
        ...(dates.updated ? { updated: dates.updated } : {}),
        category: f.category,
        ...(f.tags.length ? { tags: f.tags } : {}),
        hero: { src: hero.src, alt: hero.alt },
        ...(c.visibility === "draft" ? { draft: true } : {}),
        ...(c.item.sticky === "1" && c.visibility === "published" ? { featured: true } : {}),
      };
    } else {
      front = {
        title,
        description,
        path: c.pagePath,
        ...(dates.updated ? { updated: dates.updated } : {}),
        ...(c.visibility !== "published" ? { draft: true } : {}),
      };
    }
    const head = `---\n${yamlDocument(front)}---\n`;
    const offset = head.split("\n").length - 1;
    const content = `${head}${body.mdx.trim() ? `\n${body.mdx}` : ""}`;
    outputsByCandidate.push({ c, content });
    for (const n of c.notes) attention({ ...n, file: c.file });
    for (const i of body.issues) attention(issueToAttention(i, c, offset + 1));

    function heroOf(cand: Candidate, figures: { src: string; alt: string }[]): { src: string; alt: string } {
      const thumb = attachments.get(cand.item.meta._thumbnail_id ?? "");
      if (thumb?.url) {
        const m = media(thumb.url);
        let alt = thumb.alt;
        if (!alt) {
          alt =
            thumb.caption ||
            (thumb.title && !/\.\w{3,4}$/.test(thumb.title) ? thumb.title : "") ||
            `Image: ${humanise(fileName(thumb.url)) || title}`;
          cand.notes.push({
            code: "alt-text",
            message: `the featured image had no alt text; “${alt}” was used: describe what it shows`,
            source: cand.source,
          });
        }
        if (m.issue) cand.notes.push({ code: "media", message: `featured image: ${m.issue}`, source: cand.source });
        return { src: m.url, alt };
      }
      if (figures[0]) {
        cand.notes.push({
          code: "hero",
          message: "no featured image: the first image in the text is the hero; choose another if it does not fit",
          source: cand.source,
        });
        return figures[0];
      }
      placeholderNeeded.hero = true;
      cand.notes.push({
        code: "hero",
        message: "no featured image and no image in the text: a placeholder hero is used; add one",
        source: cand.source,
      });
      return { src: PLACEHOLDER_HERO, alt: "Plain placeholder shape in the site's colours, to be replaced" };
    }
  }
  for (const { c, content } of outputsByCandidate)
    outputs.push({
      key: `${c.kind}:${c.id}`,
      kind: c.kind === "post" ? "posts" : "pages",
      path: c.file,
      content,
      source: c.source,
      ...(c.kind === "post" ? { tags: filing.get(c)!.tags } : {}),
    });

  // ---- author, category and placeholder files ---------------------------------------
  for (const a of newAuthors.values()) {
    const file = manifest[`author:${a.login}`]?.file ?? `content/authors/${a.slug}.mdx`;
    const avatar = `/${MEDIA_DIR}/authors/${a.slug}.svg`;
    const front = { name: a.name, role: "Writer", avatar: { src: avatar, alt: `Placeholder portrait showing the initials of ${a.name}` } };
    const bio =
      a.bio ||
      `${a.name} wrote for ${plainInline(wxr.site.title) || "this site"} before it moved here. This biography was created by the import; replace it with a real one.`;
    outputs.push({
      key: `author:${a.login}`,
      kind: "authors",
      path: file,
      content: `---\n${yamlDocument(front)}---\n\n${bio}\n`,
    });
    outputs.push({ key: `avatar:${a.login}`, kind: "media", path: `public${avatar}`, content: initialsSvg(a.name) });
    const source = src(a.line, `author ${a.login}`);
    attention({
      code: "credentials",
      file,
      message: `author ${a.name}: credentials are empty; health articles need the author's qualifications (add \`credentials:\`)`,
      source,
    });
    attention({ code: "avatar", file, message: `author ${a.name}: a placeholder portrait with initials is used; add a photo`, source });
    if (!a.bio)
      attention({ code: "bio", file, message: `author ${a.name}: the export has no biography; a placeholder was written`, source });
  }
  for (const k of usedCategoryKeys) {
    const e = categories.get(k)!;
    if (e.exists && !manifest[`category:${e.key}`]) continue; // the repository's own category of that name
    const parent = e.parentKey ? categories.get(e.parentKey) : undefined;
    const front = {
      title: e.title,
      description: e.description || `Articles filed under ${e.title}.`,
      ...(parent ? { parent: parent.slug } : {}),
    };
    outputs.push({
      key: `category:${e.key}`,
      kind: "categories",
      path: manifest[`category:${e.key}`]?.file ?? `content/categories/${e.slug}.yaml`,
      content: yamlDocument(front),
    });
  }
  for (const [choice, url] of env.copies)
    outputs.push({ key: `media:${choice}`, kind: "media", path: `public${url}`, copyFrom: path.join(options.uploads!, choice) });
  if (placeholderNeeded.hero)
    outputs.push({ key: "placeholder-hero", kind: "media", path: `public${PLACEHOLDER_HERO}`, content: PLACEHOLDER_SVG });

  // ---- comments ---------------------------------------------------------------------
  const comments: PlannedComment[] = [];
  const skippedComments: Record<string, number> = {};
  const bump = (k: string) => (skippedComments[k] = (skippedComments[k] ?? 0) + 1);
  for (const c of candidates) {
    if (c.kind !== "post") {
      for (const _ of c.item.comments) bump("comments on pages (pages have no comments here)");
      continue;
    }
    const kept = new Map<string, WxrComment>();
    for (const cm of c.item.comments) {
      const type = cm.type || "comment";
      if (type === "pingback" || type === "trackback") bump(`${type}s`);
      else if (type !== "comment") bump(`comments of type “${type}”`);
      else if (cm.approved === "trash" || cm.approved === "post-trashed") bump("trashed comments");
      else kept.set(cm.id || `line${cm.line}`, cm);
    }
    // Parents before replies, so every reply's parent row exists when it is inserted.
    const ordered = [...kept.values()].sort((a, b) => depthOf(a, kept) - depthOf(b, kept));
    for (const cm of ordered) {
      const importedId = `wordpress:${site.host}:${cm.id || `${c.id}-line${cm.line}`}`;
      const created = parseWpDate(cm.dateGmt) ?? parseWpDate(cm.date) ?? parseWpDate(c.item.dateGmt) ?? options.now;
      const status = cm.approved === "1" || cm.approved === "approve" ? "approved" : cm.approved === "spam" ? "spam" : "pending";
      if (!["0", "1", "spam", "approve", "hold"].includes(cm.approved))
        attention({
          code: "comment-status",
          file: c.file,
          message: `comment ${cm.id} has WordPress status “${cm.approved}”; imported as pending`,
          source: src(cm.line, `comment ${cm.id}`),
        });
      const parent = cm.parent && cm.parent !== "0" && kept.has(cm.parent) ? `wordpress:${site.host}:${cm.parent}` : null;
      const url = cm.authorUrl && /^https?:\/\/[^\s]+$/i.test(cm.authorUrl) ? cm.authorUrl.slice(0, 300) : null;
      comments.push({
        id: uuidFrom(importedId),
        importedId,
        articleSlug: c.slug,
        parentImportedId: parent,
        authorName: publicName(plainInline(cm.author)).slice(0, 200) || "Anonymous",
        authorEmail: cm.authorEmail ? cm.authorEmail.trim().slice(0, 320) : null,
        authorUrl: url,
        body: commentText(cm.content) || "(empty comment)",
        status,
        createdAt: created,
      });
    }
  }
  for (const [k, n] of Object.entries(skippedComments)) {
    skipTotal(k, n);
    report.counts.comments.skipped += n;
  }

  // ---- redirects ------------------------------------------------------------------
  const redirects: Redirect[] = [];
  const fromOf = new Map<string, string>();
  // `from` as content/redirects.yaml wants it: a percent-encoded path without a trailing slash (the
  // server answers both forms), or the front page with one WordPress query parameter ("/?p=12").
  const fromPath = (p: string) => {
    const q = p.indexOf("?");
    const pathname = new URL(q < 0 ? p : p.slice(0, q), "https://site.invalid").pathname.replace(/\/+$/, "") || "/";
    return q < 0 ? pathname : `${pathname}${p.slice(q)}`;
  };
  const remember = (raw: string, to: string) => {
    const from = fromPath(raw);
    const k = keyOfFrom(from);
    if (!k || k === keyOfFrom(to) || fromOf.has(k)) return;
    const first = k.startsWith("/?") ? "" : (k.split("/")[1] ?? "");
    if (first && repo.reservedSegments.has(first)) return;
    fromOf.set(k, to);
    redirects.push({ from, to });
  };
  for (const c of candidates) {
    if (!isLive(c)) continue;
    const l = oldUrl(c.item.link);
    if (l && site.isInternal(l)) remember(redirectKey(l.pathname, l.searchParams)?.startsWith("/?") ? `/${l.search}` : l.pathname, c.url);
    remember(c.kind === "post" ? `/?p=${c.id}` : `/?page_id=${c.id}`, c.url);
  }
  // Everything else the link map knows (categories, tags, authors, feeds, attachments), in a stable order.
  for (const [k, to] of targets) if (!fromOf.has(k)) remember(k, to);

  report.remoteMedia = [...env.remote].sort();
  if (report.remoteMedia.length && !options.uploads)
    report.notes.push(
      `${report.remoteMedia.length} image(s) and file(s) still load from the old site; run again with --uploads <copy of wp-content/uploads> to copy them into public/`,
    );
  return { outputs, comments, redirects, report };
}

// ---- helpers ----------------------------------------------------------------------

function itemId(item: WxrItem): string {
  if (/^\d+$/.test(item.id)) return item.id;
  for (const s of [item.link, item.guid]) {
    const m = /[?&](?:p|page_id|attachment_id)=(\d+)/.exec(s);
    if (m) return m[1];
  }
  return `line${item.line}`;
}

/** A name as shown on a page: someone who typed their email address as their name gets its local part, never the address. */
function publicName(name: string): string {
  return name.replace(/([^\s@]+)@[^\s@]+\.[^\s@]+/g, "$1").trim();
}

/** A person's name compared without titles, post-nominals, case or punctuation: "Dr. Priya Raman, PT" = "priya raman". */
function personKey(name: string): string {
  return name
    .split(",")[0]
    .toLowerCase()
    .replace(/\b(dr|prof|professor|mr|mrs|ms|mx|miss|sir|dame)\b\.?/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function dedupeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const k = tagSlug(t);
    if (!t || !k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The path a page is served at: its old permalink's path, or its parents' slugs and its own. */
function pagePathOf(item: WxrItem, site: OldSite, items: WxrItem[]): string | null {
  const u = item.link ? site.resolve(item.link) : null;
  if (u && site.isInternal(u) && !u.search && u.pathname !== "/") {
    const base = site.base.pathname.replace(/\/$/, "");
    let p = decodeSafe(u.pathname).toLowerCase().replace(/\/+$/, "");
    if (base && p.startsWith(base + "/")) p = p.slice(base.length);
    const parts = p.split("/").filter(Boolean);
    const slugs = parts.map((x) => toSlug(x, ""));
    if (slugs.every(Boolean)) return `/${slugs.join("/")}`;
  }
  // Plain permalinks (?page_id=12): build it from the parent chain.
  const chain: string[] = [];
  let cur: WxrItem | undefined = item;
  const seen = new Set<WxrItem>();
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    const s = toSlug(cur.name || plainInline(cur.title), "");
    if (!s) return null;
    chain.unshift(s);
    const parentId: string = cur.parent;
    cur = parentId && parentId !== "0" ? items.find((i) => i.id === parentId && i.type === "page") : undefined;
  }
  return chain.length ? `/${chain.join("/")}` : null;
}

function datesOf(c: Candidate, now: Date): { published: Date; updated: Date | null; note?: string } {
  const i = c.item;
  const written = parseWpDate(i.dateGmt) ?? parseWpDate(i.date) ?? parseWpDate(i.pubDate);
  const modified = parseWpDate(i.modifiedGmt) ?? parseWpDate(i.modified);
  let note: string | undefined;
  let published = written;
  if (!published) {
    published = modified ?? now;
    if (c.visibility !== "draft")
      note = `the export has no valid publication date (“${i.dateGmt || i.date || i.pubDate || "none"}”); ${isoSeconds(published)} was used`;
  }
  if (c.visibility === "published" && published > now) {
    note = `published in WordPress but dated in the future (${isoSeconds(published)}): it will appear after that date`;
  }
  // An update a minute or less after publishing is the same edit session, not an update.
  let updated = modified && modified.getTime() - published.getTime() > 60_000 ? modified : null;
  if (updated && updated.getTime() > now.getTime() + 86_400_000) updated = null;
  return { published, updated, note };
}

function depthOf(c: WxrComment, all: Map<string, WxrComment>): number {
  let d = 0;
  let p = c.parent;
  const seen = new Set<string>();
  while (p && p !== "0" && all.has(p) && !seen.has(p) && d < 100) {
    seen.add(p);
    d++;
    p = all.get(p)!.parent;
  }
  return d;
}

/** A UUID derived from the WordPress id, so a re-run computes the same primary key (and replies find their parent). */
export function uuidFrom(s: string): string {
  const h = createHash("sha256").update(s).digest("hex");
  const v = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function issueToAttention(i: BodyIssue, c: Candidate, offset: number): Attention {
  return { code: i.code, message: i.message, file: c.file, ...(i.line ? { line: i.line + offset } : {}), source: c.source };
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A placeholder portrait: the author's initials on a circle. */
export function initialsSvg(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const initials = ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="${escapeXml(name)}">
  <circle cx="100" cy="100" r="100" fill="#2f6f73"/>
  <text x="100" y="100" dy=".35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="72" fill="#ffffff">${escapeXml(initials)}</text>
</svg>
`;
}

const PLACEHOLDER_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630" role="img" aria-label="Placeholder">
  <rect width="1200" height="630" fill="#e8f0ef"/>
  <path d="M0 470 C 300 380, 600 560, 1200 420 L1200 630 L0 630 Z" fill="#c9dcda"/>
  <circle cx="930" cy="190" r="80" fill="#f3d9a4"/>
</svg>
`;
