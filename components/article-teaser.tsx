import { content } from "@/lib/content";

/** The MDX form <ArticleTeaser slug="…" />: a card linking to one of our articles (checked at build time). */
export function ArticleTeaser({ slug }: { slug: string }) {
  const article = content.articleBySlug(slug);
  if (!article) throw new Error(`Unknown article "${slug}"`);
  return (
    <article className="article-card">
      <h3 className="article-card-title">
        <a href={article.url}>{article.title}</a>
      </h3>
      <p className="article-card-description">{article.description}</p>
    </article>
  );
}
