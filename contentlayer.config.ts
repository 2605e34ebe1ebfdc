// The one schema of the editors' data. Field types and required fields are
// enforced here (and fail the build); rules that span documents (references,
// duplicate slugs, date order, MDX components) live in lib/content/integrity.ts.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { contentDirExcludeDefault, defineDocumentType, defineNestedType, makeSource } from "contentlayer2/source-files";
import readingTime from "reading-time";
import { parse as parseYaml } from "yaml";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import { reportContentOnSave } from "./lib/content/on-save";
import { remarkCitations } from "./lib/content/references";
import { bodyOutline, remarkOutline } from "./lib/content/toc";

const slugOf = (flattenedPath: string) => flattenedPath.split("/").pop() as string;

/**
 * A front-matter value exactly as written. contentlayer2 turns a date
 * without a zone into an instant using the build machine's own zone; the
 * publication's zone is ours to apply (lib/content/publication-time.ts,
 * decision 0018), so the text is kept beside the date. When the file is not
 * under this directory's content/ (a check of another folder), the
 * contentlayer value stands.
 */
function asWritten(sourceFilePath: string, field: string): string | undefined {
  const file = path.join(process.cwd(), "content", sourceFilePath);
  if (!existsSync(file)) return undefined;
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
  // The YAML 1.2 core schema (contentlayer2's too) leaves dates as text.
  const value = (parseYaml(front) as Record<string, unknown> | null)?.[field];
  return typeof value === "string" ? value : undefined;
}

/**
 * The text is trusted only when contentlayer2 made the same instant of it
 * (`new Date(text)`, as it does): a check of another folder (content:check on
 * a copy) may have a file of the same name here with other content.
 */
function publishedAsWritten(sourceFilePath: string, stored: string): string {
  const written = asWritten(sourceFilePath, "published");
  return written !== undefined && !Number.isNaN(Date.parse(written)) && new Date(written).toISOString() === stored ? written : stored;
}

// Two computed fields read the same statistics; compute them once per body.
let lastStats: { body: string; stats: ReturnType<typeof readingTime> } | undefined;
const readingStats = (body: string) => {
  if (lastStats?.body !== body) lastStats = { body, stats: readingTime(body) };
  return lastStats.stats;
};

const Image = defineNestedType(() => ({
  name: "Image",
  fields: {
    src: { type: "string", required: true, description: "Path under public/ or an absolute URL" },
    alt: { type: "string", required: true, description: "Alternative text; describe the image" },
  },
}));

const Reference = defineNestedType(() => ({
  name: "Reference",
  fields: {
    id: { type: "string", required: true, description: "Short key the text cites with <Cite id=…>, e.g. hayden-2021" },
    title: { type: "string", required: true },
    authors: { type: "list", of: { type: "string" }, required: false },
    year: { type: "number", required: false },
    publisher: { type: "string", required: false, description: "Journal or organisation" },
    doi: { type: "string", required: false, description: "e.g. 10.1002/14651858.CD009790" },
    pmid: { type: "number", required: false, description: "PubMed id, e.g. 31234567" },
    url: { type: "string", required: false, description: "https:// address, when there is no DOI or PubMed id" },
  },
}));

const Link = defineNestedType(() => ({
  name: "Link",
  fields: {
    label: { type: "string", required: true },
    url: { type: "string", required: true },
  },
}));

export const Category = defineDocumentType(() => ({
  name: "Category",
  filePathPattern: "categories/*.yaml",
  contentType: "data",
  fields: {
    title: { type: "string", required: true },
    description: { type: "string", required: true },
    parent: { type: "string", required: false, description: "Slug of the parent category, shown before this one in breadcrumbs" },
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
    url: { type: "string", resolve: (d) => `/categories/${slugOf(d._raw.flattenedPath)}` },
  },
}));

export const Author = defineDocumentType(() => ({
  name: "Author",
  filePathPattern: "authors/*.mdx",
  contentType: "mdx",
  fields: {
    name: { type: "string", required: true },
    credentials: { type: "string", required: false, description: "Post-nominals, e.g. CFT, CPRS" },
    role: { type: "string", required: true },
    avatar: { type: "nested", of: Image, required: true },
    links: { type: "list", of: Link, required: false },
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
    url: { type: "string", resolve: (d) => `/authors/${slugOf(d._raw.flattenedPath)}` },
  },
}));

export const Product = defineDocumentType(() => ({
  name: "Product",
  filePathPattern: "products/*.yaml",
  contentType: "data",
  fields: {
    name: { type: "string", required: true },
    pitch: { type: "string", required: true },
    description: { type: "string", required: true },
    image: { type: "nested", of: Image, required: true },
    url: { type: "string", required: true },
    cta: { type: "string", required: false, default: "Learn More" },
    sponsored: { type: "boolean", required: false, default: false },
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
  },
}));

export const RecommendationSet = defineDocumentType(() => ({
  name: "RecommendationSet",
  filePathPattern: "recommendations/*.yaml",
  contentType: "data",
  fields: {
    heading: { type: "string", required: true },
    products: { type: "list", of: { type: "string" }, required: true },
    closingLabel: { type: "string", required: false, default: "See all recommended products" },
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
  },
}));

export const Article = defineDocumentType(() => ({
  name: "Article",
  filePathPattern: "articles/**/*.mdx",
  contentType: "mdx",
  fields: {
    title: { type: "string", required: true },
    subtitle: { type: "string", required: false },
    description: { type: "string", required: true },
    author: { type: "string", required: true, description: "Slug of a file in content/authors" },
    reviewer: { type: "string", required: false, description: "Slug of the medical reviewer's author file" },
    reviewedOn: { type: "date", required: false },
    reviewEvery: { type: "number", required: false, description: "Months between medical reviews (default 12, content/check.yaml)" },
    published: { type: "date", required: true },
    updated: { type: "date", required: false },
    category: { type: "string", required: true, description: "Slug of a file in content/categories" },
    tags: { type: "list", of: { type: "string" }, required: false, default: [] },
    hero: { type: "nested", of: Image, required: true },
    draft: { type: "boolean", required: false, default: false },
    featured: { type: "boolean", required: false, default: false },
    recommendations: { type: "string", required: false, default: "standard" },
    references: { type: "list", of: Reference, required: false, default: [] },
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
    url: { type: "string", resolve: (d) => `/articles/${slugOf(d._raw.flattenedPath)}` },
    publishedAsWritten: { type: "string", resolve: (d) => publishedAsWritten(d._raw.sourceFilePath, d.published) },
    readingMinutes: { type: "number", resolve: (d) => Math.max(1, Math.round(readingStats(d.body.raw).minutes)) },
    wordCount: { type: "number", resolve: (d) => readingStats(d.body.raw).words },
    toc: { type: "json", resolve: (d) => bodyOutline(d.body.raw).toc },
    citations: { type: "json", resolve: (d) => bodyOutline(d.body.raw).citations },
  },
}));

export const Newsletter = defineDocumentType(() => ({
  name: "Newsletter",
  filePathPattern: "newsletters/*.mdx",
  contentType: "mdx",
  fields: {
    subject: { type: "string", required: true },
    preheader: { type: "string", required: false },
    sendOn: { type: "date", required: false },
    articles: { type: "list", of: { type: "string" }, required: false, default: [] },
    products: { type: "list", of: { type: "string" }, required: false, default: [] },
    /** Category slugs the issue is for: it goes to readers of those topics and readers of everything (decision 0044). None: everyone. */
    topics: { type: "list", of: { type: "string" }, required: false, default: [] },
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
  },
}));

/**
 * A static page (about, editorial policy, a page moved in from WordPress),
 * served at exactly its `path` by app/(site)/[...path].
 */
export const Page = defineDocumentType(() => ({
  name: "Page",
  filePathPattern: "pages/**/*.mdx",
  contentType: "mdx",
  fields: {
    title: { type: "string", required: true },
    description: { type: "string", required: true },
    path: { type: "string", required: true, description: "The URL path it is served at, e.g. /about or /2019/05/old-page" },
    updated: { type: "date", required: false },
    draft: { type: "boolean", required: false, default: false },
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
    url: { type: "string", resolve: (d) => d.path },
  },
}));

/** Every document type: contentlayer2 compiles them, and lib/content/check.ts checks files against them. */
export const documentTypes = [Article, Author, Product, RecommendationSet, Category, Newsletter, Page];

export default makeSource({
  contentDirPath: "content",
  // Files in content/ that are not documents: the redirect map and the claim
  // rules are read by lib/content (redirects.ts, claims.ts) and checked there.
  contentDirExclude: [...contentDirExcludeDefault, "redirects.yaml", "claims.yaml"],
  documentTypes,
  onMissingOrIncompatibleData: "fail",
  onUnknownDocuments: "fail",
  onExtraFieldData: "fail",
  disableImportAliasWarning: true,
  mdx: {
    remarkPlugins: [remarkGfm, remarkCitations, remarkOutline],
    rehypePlugins: [rehypeSlug],
    // esbuild would print an MDX error to the terminal itself; the content check reports it with its file and line.
    esbuildOptions: (options) => ({ ...options, logLevel: "silent" }),
  },
  // After every successful compile (each save under `npm run dev`), the whole
  // content check runs and prints what an editor must fix. content:check
  // replaces this hook with its own run (lib/content/compile.ts).
  onSuccess: async () => reportContentOnSave(process.cwd(), documentTypes),
});
