// Test support: small, valid content sets built in memory, so each rule's
// test changes exactly one thing. Never imported by the app.
import type { Article, Author, Category, ContentSet, Page, Product, RecommendationSet } from "./types";

const raw = (dir: string, slug: string, ext: string) => ({
  sourceFilePath: `${dir}/${slug}.${ext}`,
  sourceFileName: `${slug}.${ext}`,
  sourceFileDir: dir,
  contentType: ext === "yaml" ? "data" : "mdx",
  flattenedPath: `${dir}/${slug}`,
});

export function article(slug: string, over: Partial<Article> = {}): Article {
  const body = over.body ?? { raw: "Some text.", code: "" };
  return {
    _id: `articles/${slug}.mdx`,
    _raw: raw("articles", slug, "mdx"),
    type: "Article",
    title: `Title of ${slug}`,
    description: "A description.",
    author: "ann",
    category: "back",
    tags: [],
    hero: { type: "Image", src: "/x.svg", alt: "An image" } as Article["hero"],
    draft: false,
    featured: false,
    recommendations: "standard",
    published: "2026-01-01T00:00:00.000Z",
    slug,
    url: `/articles/${slug}`,
    readingMinutes: 1,
    wordCount: 2,
    toc: [],
    ...over,
    body,
  } as Article;
}

export function author(slug: string, over: Partial<Author> = {}): Author {
  return {
    _id: `authors/${slug}.mdx`,
    _raw: raw("authors", slug, "mdx"),
    type: "Author",
    name: `Author ${slug}`,
    role: "Writer",
    avatar: { type: "Image", src: "/a.svg", alt: "Portrait" },
    body: { raw: "Bio.", code: "" },
    slug,
    url: `/authors/${slug}`,
    ...over,
  } as Author;
}

export function category(slug: string, over: Partial<Category> = {}): Category {
  return { _id: `categories/${slug}.yaml`, _raw: raw("categories", slug, "yaml"), type: "Category", title: `Cat ${slug}`, description: "d", slug, url: `/categories/${slug}`, ...over } as Category;
}

export function product(slug: string, over: Partial<Product> = {}): Product {
  return {
    _id: `products/${slug}.yaml`,
    _raw: raw("products", slug, "yaml"),
    type: "Product",
    name: `Product ${slug}`,
    pitch: "p",
    description: "d",
    image: { type: "Image", src: "/p.svg", alt: "A product" },
    url: `https://shop.example.com/${slug}`,
    cta: "Learn More",
    sponsored: false,
    slug,
    ...over,
  } as Product;
}

export function recommendationSet(slug: string, products: string[], over: Partial<RecommendationSet> = {}): RecommendationSet {
  return { _id: `recommendations/${slug}.yaml`, _raw: raw("recommendations", slug, "yaml"), type: "RecommendationSet", heading: "Top picks", products, closingLabel: "All", slug, ...over } as RecommendationSet;
}

export function page(slug: string, over: Partial<Page> = {}): Page {
  return {
    _id: `pages/${slug}.mdx`,
    _raw: raw("pages", slug, "mdx"),
    type: "Page",
    title: `Page ${slug}`,
    description: "A page.",
    path: `/${slug}`,
    draft: false,
    body: { raw: "Text.", code: "" },
    slug,
    url: over.path ?? `/${slug}`,
    ...over,
  } as Page;
}

/** A consistent set: every reference resolves. */
export function validContent(): ContentSet {
  return {
    articles: [article("one"), article("two", { published: "2026-02-01T00:00:00.000Z" })],
    authors: [author("ann"), author("bob")],
    categories: [category("back"), category("neck")],
    products: [product("cushion", { sponsored: true }), product("roller")],
    recommendationSets: [recommendationSet("standard", ["cushion", "roller"])],
    newsletters: [],
    pages: [page("about")],
  };
}
