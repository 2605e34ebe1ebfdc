import type { MetadataRoute } from "next";
import { content } from "@/lib/content";
import { absoluteUrl } from "@/lib/site";

export default function sitemap(): MetadataRoute.Sitemap {
  const articles = content.publishedArticles();
  return [
    { url: absoluteUrl("/"), lastModified: articles[0]?.updated ?? articles[0]?.published },
    { url: absoluteUrl("/products") },
    { url: absoluteUrl("/newsletter") },
    { url: absoluteUrl("/newsletter/archive") },
    { url: absoluteUrl("/privacy") },
    ...articles.map((a) => ({ url: absoluteUrl(a.url), lastModified: a.updated ?? a.published })),
    ...content.authors().map((a) => ({ url: absoluteUrl(a.url) })),
    ...content.categories().map((c) => ({ url: absoluteUrl(c.url) })),
    ...content.allTags().map((t) => ({ url: absoluteUrl(`/tags/${t.slug}`) })),
  ];
}
