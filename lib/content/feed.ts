import { Feed } from "feed";
import { absoluteUrl, site } from "../site";
import type { ContentQueries } from "./queries";

/** RSS 2.0 of the published articles: summaries only, never comments or reader data. */
export function articlesRss(content: ContentQueries): string {
  const articles = content.publishedArticles();
  const feed = new Feed({
    id: absoluteUrl("/"),
    title: site.name,
    description: site.description,
    link: absoluteUrl("/"),
    language: site.language,
    copyright: `© ${site.publisher}`,
    updated: articles[0] ? new Date(articles[0].updated ?? articles[0].published) : new Date(0),
    feedLinks: { rss: absoluteUrl("/feed.xml") },
  });
  for (const a of articles) {
    const author = content.authorBySlug(a.author);
    feed.addItem({
      id: absoluteUrl(a.url),
      link: absoluteUrl(a.url),
      title: a.title,
      description: a.description,
      date: new Date(a.updated ?? a.published),
      published: new Date(a.published),
      author: author ? [{ name: author.name, link: absoluteUrl(author.url) }] : [],
      category: [{ name: content.categoryBySlug(a.category)?.title ?? a.category }],
      image: absoluteUrl(a.hero.src),
    });
  }
  return feed.rss2();
}
