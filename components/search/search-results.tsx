import Link from "next/link";
import { formatDate } from "@/lib/content/format";
import type { SearchAnswer } from "@/lib/search";

/** Search results: title, category, date and a snippet with the matched words marked (escaped by lib/search). */
export function SearchResults({ answer, categoryTitle }: { answer: SearchAnswer; categoryTitle: (slug: string) => string }) {
  if (answer.terms.length === 0) return <p>Type a few words: a topic, a symptom, or part of a title you remember.</p>;
  if (answer.hits.length === 0)
    return (
      <p role="status">
        No articles match “{answer.query}”. Try fewer or other words, or <Link href="/">browse the latest articles</Link>.
      </p>
    );
  return (
    <>
      <p role="status">
        {answer.total === 1 ? "1 article" : `${answer.total} articles`} for “{answer.query}”
        {answer.total > answer.hits.length ? ` (the best ${answer.hits.length} shown)` : ""}.
      </p>
      <ol className="search-results">
        {answer.hits.map((h) => (
          <li key={h.slug}>
            <h2>
              <Link href={h.url}>{h.title}</Link>
            </h2>
            <p className="meta">
              {categoryTitle(h.category)} ·{" "}
              <time dateTime={new Date(h.published).toISOString()}>{formatDate(new Date(h.published).toISOString())}</time>
            </p>
            <p className="snippet" dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
          </li>
        ))}
      </ol>
    </>
  );
}
