import { CALLOUT_TYPES, MDX_COMPONENT_NAMES } from "./mdx-component-names";
import { tagSlug } from "./queries";
import type { ContentSet } from "./types";

/** One editor mistake, named by file and field so it can be fixed without reading code. */
export type ContentError = { file: string; field: string; message: string };

export const MAX_SUBJECT_LENGTH = 90;

type Raw = { _raw: { sourceFilePath: string } };
const fileOf = (doc: Raw) => `content/${doc._raw.sourceFilePath}`;

/** Markdown outside fenced code blocks and inline code, where component tags and links really render. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|\\{\\s*["']([^"']*)["']\\s*\\})`).exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * Rules that span documents or look inside MDX bodies: things contentlayer's
 * per-field types cannot see. Returns every problem at once so an editor can
 * fix a whole batch in one go.
 */
export function checkContentIntegrity(content: ContentSet): ContentError[] {
  const errors: ContentError[] = [];
  const err = (doc: Raw, field: string, message: string) => errors.push({ file: fileOf(doc), field, message });

  const authors = new Set(content.authors.map((a) => a.slug));
  const categories = new Set(content.categories.map((c) => c.slug));
  const products = new Set(content.products.map((p) => p.slug));
  const sets = new Set(content.recommendationSets.map((s) => s.slug));
  const articleSlugs = new Set(content.articles.map((a) => a.slug));
  const known = (kind: string, value: string, pool: Set<string>) =>
    `unknown ${kind} "${value}" (known: ${[...pool].sort().join(", ") || "none"})`;

  const internalRoutes = new Set<string>([
    "/",
    "/products",
    "/newsletter",
    "/newsletter/archive",
    ...content.newsletters.map((n) => `/newsletter/archive/${n.slug}`),
    "/privacy",
    "/feed.xml",
    ...content.articles.map((a) => `/articles/${a.slug}`),
    ...content.authors.map((a) => `/authors/${a.slug}`),
    ...content.categories.map((c) => `/categories/${c.slug}`),
    ...content.articles.flatMap((a) => a.tags.map((t) => `/tags/${tagSlug(t)}`)),
  ]);

  const checkAlt = (doc: Raw, field: string, image: { alt?: string } | undefined) => {
    if (image && !image.alt?.trim()) err(doc, field, "image has no alt text; describe what it shows");
  };

  const checkBody = (doc: Raw & { body: { raw: string } }) => {
    const text = prose(doc.body.raw);
    for (const m of text.matchAll(/<([A-Z][A-Za-z0-9]*)\b([^>]*)>?/g)) {
      const [tag, name] = m;
      if (!(MDX_COMPONENT_NAMES as readonly string[]).includes(name)) {
        err(doc, "body", `unknown MDX component <${name}> (allowed: ${MDX_COMPONENT_NAMES.join(", ")})`);
        continue;
      }
      if (name === "ProductCard") {
        const id = attr(tag, "id");
        if (!id) err(doc, "body", "<ProductCard> needs an id naming a product");
        else if (!products.has(id)) err(doc, "body", `<ProductCard id="${id}">: ${known("product", id, products)}`);
      }
      if (name === "ArticleTeaser") {
        const slug = attr(tag, "slug");
        if (!slug) err(doc, "body", "<ArticleTeaser> needs a slug naming an article");
        else if (!articleSlugs.has(slug)) err(doc, "body", `<ArticleTeaser slug="${slug}">: ${known("article", slug, articleSlugs)}`);
      }
      if (name === "Recommendations") {
        const set = attr(tag, "set");
        if (set && !sets.has(set)) err(doc, "body", `<Recommendations set="${set}">: ${known("recommendation set", set, sets)}`);
      }
      if (name === "Callout") {
        const type = attr(tag, "type");
        if (type && !(CALLOUT_TYPES as readonly string[]).includes(type))
          err(doc, "body", `<Callout type="${type}">: type must be one of ${CALLOUT_TYPES.join(", ")}`);
      }
      if (name === "Figure") {
        if (!attr(tag, "src")) err(doc, "body", "<Figure> needs a src");
        if (!attr(tag, "alt")?.trim()) err(doc, "body", "<Figure> image has no alt text; describe what it shows");
      }
    }
    for (const m of text.matchAll(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g)) {
      if (!m[1].trim()) err(doc, "body", `image ${m[2]} has no alt text; write it between the brackets: ![what it shows](${m[2]})`);
    }
    for (const m of text.matchAll(/(?<!!)\[[^\]]*\]\((\/[^)\s#?]*)[^)]*\)/g)) {
      const path = m[1].replace(/\/$/, "") || "/";
      if (!internalRoutes.has(path)) err(doc, "body", `link to ${m[1]} points to no page on this site`);
    }
  };

  const seen = new Map<string, Raw>();
  for (const a of content.articles) {
    const previous = seen.get(a.slug);
    if (previous) err(a, "slug", `duplicate slug "${a.slug}", also used by ${fileOf(previous)}`);
    else seen.set(a.slug, a);

    if (!authors.has(a.author)) err(a, "author", known("author", a.author, authors));
    if (a.reviewer && !authors.has(a.reviewer)) err(a, "reviewer", known("author", a.reviewer, authors));
    if (a.reviewedOn && !a.reviewer) err(a, "reviewedOn", "reviewedOn is set but no reviewer is named");
    if (!categories.has(a.category)) err(a, "category", known("category", a.category, categories));
    if (!sets.has(a.recommendations)) err(a, "recommendations", known("recommendation set", a.recommendations, sets));
    if (a.updated && new Date(a.updated) < new Date(a.published))
      err(a, "updated", `updated date ${a.updated.slice(0, 10)} is before the published date ${a.published.slice(0, 10)}`);
    checkAlt(a, "hero.alt", a.hero);
    checkBody(a);
  }
  for (const a of content.authors) {
    checkAlt(a, "avatar.alt", a.avatar);
    checkBody(a);
  }
  for (const p of content.products) {
    checkAlt(p, "image.alt", p.image);
    if (!/^https?:\/\//.test(p.url)) err(p, "url", `url "${p.url}" must be an absolute http(s) address`);
  }
  for (const s of content.recommendationSets) {
    if (s.products.length === 0) err(s, "products", "a recommendation set needs at least one product");
    for (const p of s.products) if (!products.has(p)) err(s, "products", known("product", p, products));
  }
  for (const n of content.newsletters) {
    if (!n.subject.trim()) err(n, "subject", "subject is empty");
    if (n.subject.length > MAX_SUBJECT_LENGTH)
      err(n, "subject", `subject is ${n.subject.length} characters; keep it to ${MAX_SUBJECT_LENGTH} or fewer`);
    for (const a of n.articles) if (!articleSlugs.has(a)) err(n, "articles", known("article", a, articleSlugs));
    for (const p of n.products) if (!products.has(p)) err(n, "products", known("product", p, products));
    checkBody(n);
  }
  return errors;
}

export function formatContentErrors(errors: ContentError[]): string {
  return errors.map((e) => `${e.file}: ${e.field}: ${e.message}`).join("\n");
}
