import Link from "next/link";
import { formatDate } from "@/lib/content/format";
import type { Article } from "@/lib/content/types";

export function ArticleCard({ article, headingLevel = 3 }: { article: Article; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="article-card">
      <Heading className="article-card-title">
        <Link href={article.url}>{article.title}</Link>
      </Heading>
      {article.subtitle ? <p className="article-card-subtitle">{article.subtitle}</p> : null}
      <p className="article-card-description">{article.description}</p>
      <p className="meta">
        <time dateTime={article.published}>{formatDate(article.published)}</time> · {article.readingMinutes} min read
      </p>
    </article>
  );
}

export function ArticleList({ articles, headingLevel = 3 }: { articles: Article[]; headingLevel?: 2 | 3 }) {
  if (articles.length === 0) return <p>No articles yet.</p>;
  return (
    <ul className="article-list">
      {articles.map((a) => (
        <li key={a.slug}>
          <ArticleCard article={a} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
