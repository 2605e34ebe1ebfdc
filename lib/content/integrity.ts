// Rules that span documents, run over the facts each file's analysis found
// (check-file.ts): every slug, product, set, link and image a file names
// resolves to something that exists and is published by the time the file is
// (a newsletter by its send date); dates make sense against today; duplicate
// slugs and page paths; the review cycle; the redirect map. Every problem is
// reported, not just the first.
import path from "node:path";
import { existsSync, readdirSync } from "node:fs";
import type { Pos } from "./body-facts";
import type { FileAnalysis } from "./check-file";
import type { ContentProblem } from "./problems";
import { isPublic } from "./publication";
import { checkRedirects, type Redirect } from "./redirects";
import { reviewDue } from "./review";
import type { CheckSettings } from "./settings";
import { siteIndex } from "./site-index";
import type { Article, Category, ContentSet } from "./types";

export type CrossCheckInput = {
  files: FileAnalysis[];
  now: Date;
  settings: CheckSettings;
  /** Whether a file exists under public/, by its URL path (/images/x.svg). */
  publicFile: (urlPath: string) => boolean;
  redirects?: Redirect[];
};

const DAY = 24 * 60 * 60 * 1000;
const day = (iso: string) => iso.slice(0, 10);

/** The content set the site is built from, out of the analysed files' documents. */
export function contentSetOf(files: FileAnalysis[]): ContentSet {
  const of = <T>(type: string) => files.filter((f) => f.type === type && f.doc).map((f) => f.doc as T);
  return {
    articles: of("Article"),
    authors: of("Author"),
    categories: of("Category"),
    products: of("Product"),
    recommendationSets: of("RecommendationSet"),
    newsletters: of("Newsletter"),
    pages: of("Page"),
  };
}

export function checkAcrossDocuments(input: CrossCheckInput): ContentProblem[] {
  const { files, now, settings } = input;
  const problems: ContentProblem[] = [];
  const set = contentSetOf(files);
  const index = siteIndex(set, now);
  const byFile = new Map(files.map((f) => [f.file, f]));
  const fileOf = (doc: { _raw: { sourceFilePath: string } }) => `content/${doc._raw.sourceFilePath}`;

  const fieldAt = (file: string, field: string): Pos => {
    const fields = byFile.get(file)?.fields ?? {};
    for (let f = field; f; f = f.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
      if (fields[f]) return fields[f].value;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(f)) break;
    }
    return { line: 1, column: 1 };
  };
  const err = (file: string, field: string, message: string, opts: { at?: Pos; severity?: ContentProblem["severity"]; rule?: string } = {}) =>
    problems.push({
      file,
      ...(opts.at ?? fieldAt(file, field)),
      field,
      rule: opts.rule ?? "reference",
      severity: opts.severity ?? "error",
      message,
    });

  // Slugs of every file of a type, including those whose YAML does not parse (reported on their own).
  const pool = (type: string) =>
    new Set(files.flatMap((f) => (f.type === type ? [(f.doc ?? f.stub)?.slug] : [])).filter((s): s is string => typeof s === "string"));
  const authors = pool("Author");
  const categories = pool("Category");
  const products = pool("Product");
  const sets = pool("RecommendationSet");
  const articleSlugs = pool("Article");
  const articlesBySlug = new Map(set.articles.map((a) => [a.slug, a]));
  const known = (kind: string, value: string, names: Iterable<string>) =>
    `unknown ${kind} "${value}" (known: ${[...names].sort().join(", ") || "none"})`;

  // Duplicate slugs: two files that would be served at one address.
  for (const [type, docs] of [
    ["Article", set.articles],
    ["Author", set.authors],
    ["Category", set.categories],
    ["Product", set.products],
    ["RecommendationSet", set.recommendationSets],
    ["Newsletter", set.newsletters],
  ] as const) {
    const seen = new Map<string, string>();
    for (const d of docs as { slug: string; _raw: { sourceFilePath: string } }[]) {
      const previous = seen.get(d.slug);
      if (previous) err(fileOf(d), "file", `duplicate slug "${d.slug}", also used by ${previous}; rename one of the files`, { at: { line: 1, column: 1 }, rule: "duplicate" });
      else seen.set(d.slug, fileOf(d));
    }
    void type;
  }
  const paths = new Map<string, string>();
  for (const p of set.pages) {
    const other = paths.get(p.path);
    if (other) err(fileOf(p), "path", `path ${p.path} is also the path of ${other}; each page needs its own`, { rule: "duplicate" });
    else paths.set(p.path, fileOf(p));
  }

  /** The moment a document's links must be live by: undefined for drafts, which may link to drafts. */
  const momentOf = (f: FileAnalysis): { at: Date; label: string } | undefined => {
    const d = f.doc as Record<string, unknown>;
    if (f.type === "Article") {
      if (d.draft) return undefined;
      const published = new Date(String(d.published));
      return published > now ? { at: published, label: `this article goes live on ${day(String(d.published))}` } : { at: now, label: "" };
    }
    if (f.type === "Newsletter") {
      const send = d.sendOn ? new Date(String(d.sendOn)) : undefined;
      return send && send > now ? { at: send, label: `this issue is sent on ${day(String(d.sendOn))}` } : { at: now, label: "" };
    }
    if (f.type === "Page" && d.draft) return undefined;
    return { at: now, label: "" };
  };

  /** Why a path is no good as a link target from this file (a phrase after the target), or undefined. */
  const targetProblem = (target: string, moment: ReturnType<typeof momentOf>): string | undefined => {
    const r = moment ? index.lookupAt(target, moment.at) : index.lookupAt(target, new Date(8.64e15));
    if (r.live) return undefined;
    if (r.why === "missing") return "points to no page on this site";
    if (!moment) return undefined; // a draft may link to other unpublished work
    if (r.why === "draft") return "is a draft, so readers would find no page there";
    const article = index.articleAt(target);
    const when = article ? `is not published until ${day(article.published)}` : "lists only articles that are not published yet";
    return `${when}${moment.label ? `, after ${moment.label}` : ", so readers would find no page there yet"}`;
  };

  const tocOf = new Map<string, Set<string>>();
  for (const f of files) if (f.facts && typeof f.doc?.url === "string") tocOf.set(f.doc.url, new Set(f.facts.toc.map((t) => t.id)));

  const checkImage = (file: string, field: string, src: string | undefined, at?: Pos) => {
    if (!src || !src.startsWith("/") || src.startsWith("//")) return;
    const clean = decodeURI(src.split(/[?#]/)[0]);
    if (!input.publicFile(clean)) err(file, field, `image ${src} does not exist: there is no file public${clean}`, { at, rule: "image" });
  };

  for (const f of files) {
    const d = f.doc as Record<string, unknown> | undefined;
    if (!d) continue;
    const file = f.file;
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const moment = momentOf(f);

    switch (f.type) {
      case "Article": {
        const a = d as unknown as Article;
        if (str(a.author) && !authors.has(a.author)) err(file, "author", known("author", a.author, authors));
        if (str(a.reviewer) && !authors.has(a.reviewer!)) err(file, "reviewer", known("author", a.reviewer!, authors));
        if (str(a.category) && !categories.has(a.category)) err(file, "category", known("category", a.category, categories));
        if (str(a.recommendations) && !sets.has(a.recommendations)) err(file, "recommendations", known("recommendation set", a.recommendations, sets));
        if (a.updated && a.published && new Date(a.updated) < new Date(a.published))
          err(file, "updated", `updated date ${day(a.updated)} is before the published date ${day(a.published)}`, { rule: "date" });
        if (a.updated && new Date(a.updated).getTime() > now.getTime() + DAY)
          err(file, "updated", `updated date ${day(a.updated)} is in the future; use the date the article was last changed`, { rule: "date" });
        if (a.reviewedOn && new Date(a.reviewedOn).getTime() > now.getTime() + DAY)
          err(file, "reviewedOn", `reviewedOn ${day(a.reviewedOn)} is in the future; use the date the review took place`, { rule: "review" });
        if (a.featured && a.published && !a.draft && new Date(a.published) > now)
          err(file, "featured", `a featured article is not published until ${day(a.published)}; it will not be featured before then (check the year)`, {
            severity: "warning",
            rule: "date",
          });
        const due = isPublic(a, now) ? reviewDue(a, now, settings.review.everyMonths) : undefined;
        if (due?.overdue)
          err(
            file,
            a.reviewedOn ? "reviewedOn" : "reviewer",
            a.reviewedOn
              ? `medical review is overdue: last reviewed ${day(a.reviewedOn)}, due ${day(due.dueOn)} (every ${due.everyMonths} months); ask ${a.reviewer} to review it and update reviewedOn`
              : `no medical review yet; published ${day(a.published)}, due ${day(due.dueOn)}; name a reviewer and reviewedOn`,
            { severity: "warning", rule: "review-due" },
          );
        checkImage(file, "hero.src", a.hero?.src);
        break;
      }
      case "Author":
        checkImage(file, "avatar.src", str((d.avatar as { src?: string } | undefined)?.src));
        break;
      case "Category": {
        const c = d as unknown as Category;
        if (!str(c.parent)) break;
        if (!categories.has(c.parent!)) err(file, "parent", known("category", c.parent!, categories));
        else {
          // A parent chain must end: a category cannot be its own ancestor.
          const seen = new Set([c.slug]);
          for (let p: string | undefined = c.parent; p; p = set.categories.find((x) => x.slug === p)?.parent) {
            if (seen.has(p)) {
              err(file, "parent", `category parents form a loop through "${p}"; one of them must have no parent`);
              break;
            }
            seen.add(p);
          }
        }
        break;
      }
      case "Product":
        checkImage(file, "image.src", str((d.image as { src?: string } | undefined)?.src));
        break;
      case "RecommendationSet":
        ((d.products as unknown[] | undefined) ?? []).forEach((p, i) => {
          if (typeof p === "string" && !products.has(p)) err(file, `products[${i}]`, known("product", p, products));
        });
        break;
      case "Newsletter":
        ((d.articles as unknown[] | undefined) ?? []).forEach((slug, i) => {
          if (typeof slug !== "string") return;
          const a = articlesBySlug.get(slug);
          if (!a) return articleSlugs.has(slug) ? undefined : err(file, `articles[${i}]`, known("article", slug, articleSlugs));
          const p = targetProblem(a.url, moment);
          if (p) err(file, `articles[${i}]`, `${slug} ${p}`);
        });
        ((d.products as unknown[] | undefined) ?? []).forEach((p, i) => {
          if (typeof p === "string" && !products.has(p)) err(file, `products[${i}]`, known("product", p, products));
        });
        // The topics an issue targets are the site's categories (decision 0044).
        ((d.topics as unknown[] | undefined) ?? []).forEach((t, i) => {
          if (typeof t === "string" && !categories.has(t)) err(file, `topics[${i}]`, known("category", t, categories));
        });
        break;
      case "Page":
        if (typeof d.updated === "string" && new Date(d.updated).getTime() > now.getTime() + DAY)
          err(file, "updated", `updated date ${day(d.updated)} is in the future; use the date the page was last changed`, { rule: "date" });
        break;
    }

    if (!f.facts) continue;
    const body = (message: string, at: Pos, rule = "reference", severity: ContentProblem["severity"] = "error") =>
      err(file, "body", message, { at, rule, severity });
    for (const el of f.facts.elements) {
      const attr = (name: string) => {
        const v = el.attributes.find((a) => a.name === name)?.value;
        return typeof v === "string" ? v : typeof v === "object" && /^(["']).*\1$/.test(v.expression.trim()) ? v.expression.trim().slice(1, -1) : undefined;
      };
      if (el.name === "ProductCard") {
        const id = attr("id");
        if (id && !products.has(id)) body(`<ProductCard id="${id}">: ${known("product", id, products)}`, el.at);
      } else if (el.name === "Recommendations") {
        const s = attr("set");
        if (s && !sets.has(s)) body(`<Recommendations set="${s}">: ${known("recommendation set", s, sets)}`, el.at);
      } else if (el.name === "ArticleTeaser") {
        const slug = attr("slug");
        if (!slug) continue;
        const a = articlesBySlug.get(slug);
        if (!a) {
          if (!articleSlugs.has(slug)) body(`<ArticleTeaser slug="${slug}">: ${known("article", slug, articleSlugs)}`, el.at);
        }
        else {
          const p = targetProblem(a.url, moment);
          if (p) body(`<ArticleTeaser slug="${slug}">: the article ${p}`, el.at);
        }
      }
    }
    for (const l of f.facts.links) {
      if (!l.url.startsWith("/") || l.url.startsWith("//")) continue;
      const [pathPart, fragment] = l.url.split("#");
      const target = pathPart.split("?")[0] || "/";
      const p = targetProblem(target, moment);
      if (p) {
        body(`link to ${l.url} ${p}`, l.at);
        continue;
      }
      const ids = tocOf.get(target.length > 1 ? target.replace(/\/+$/, "") : target);
      if (fragment && ids && !ids.has(decodeURIComponent(fragment)))
        body(`link to ${l.url}: that page has no heading with the id #${fragment}`, l.at, "link");
    }
    for (const img of f.facts.images) checkImage(file, "body", img.src, img.at);
  }

  if (input.redirects) problems.push(...checkRedirects(input.redirects, index.lookup));
  return problems;
}

/** Every file under public/, as URL paths: one directory walk instead of a stat per image. */
export function publicFiles(root: string): (urlPath: string) => boolean {
  const base = path.join(root, "public");
  const found = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}/${e.name}`);
      else found.add(`${prefix}/${e.name}`);
    }
  };
  walk(base, "");
  return (p) => found.has(p);
}
