// The one schema of the editors' data. Field types and required fields are
// enforced here (and fail the build); rules that span documents (references,
// duplicate slugs, date order, MDX components) live in lib/content/integrity.ts.
import { defineDocumentType, defineNestedType, makeSource } from "contentlayer2/source-files";
import readingTime from "reading-time";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import { extractToc } from "./lib/content/toc";

const slugOf = (flattenedPath: string) => flattenedPath.split("/").pop() as string;

const Image = defineNestedType(() => ({
  name: "Image",
  fields: {
    src: { type: "string", required: true, description: "Path under public/ or an absolute URL" },
    alt: { type: "string", required: true, description: "Alternative text; describe the image" },
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
    published: { type: "date", required: true },
    updated: { type: "date", required: false },
    category: { type: "string", required: true, description: "Slug of a file in content/categories" },
    tags: { type: "list", of: { type: "string" }, required: false, default: [] },
    hero: { type: "nested", of: Image, required: true },
    draft: { type: "boolean", required: false, default: false },
    featured: { type: "boolean", required: false, default: false },
    recommendations: { type: "string", required: false, default: "standard" },
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
    url: { type: "string", resolve: (d) => `/articles/${slugOf(d._raw.flattenedPath)}` },
    readingMinutes: { type: "number", resolve: (d) => Math.max(1, Math.round(readingTime(d.body.raw).minutes)) },
    wordCount: { type: "number", resolve: (d) => readingTime(d.body.raw).words },
    toc: { type: "json", resolve: (d) => extractToc(d.body.raw) },
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
  },
  computedFields: {
    slug: { type: "string", resolve: (d) => slugOf(d._raw.flattenedPath) },
  },
}));

export default makeSource({
  contentDirPath: "content",
  documentTypes: [Article, Author, Product, RecommendationSet, Category, Newsletter],
  onMissingOrIncompatibleData: "fail",
  onUnknownDocuments: "fail",
  onExtraFieldData: "fail",
  disableImportAliasWarning: true,
  mdx: { remarkPlugins: [remarkGfm], rehypePlugins: [rehypeSlug] },
});
