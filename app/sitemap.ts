import type { MetadataRoute } from "next";
import { content } from "@/lib/content";
import { absoluteUrl } from "@/lib/site";

// A list of articles: never cached longer than a minute, so a scheduled article is on it within 60 s of its time
// even behind a CDN (the publish timer regenerates it at that moment; decision 0018).
export const revalidate = 60;

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
    ...content.publishedPages().map((p) => ({ url: absoluteUrl(p.path), lastModified: p.updated })),
  ];
}
