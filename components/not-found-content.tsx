import Link from "next/link";
import { ArticleList } from "@/components/article-card";
import { content } from "@/lib/content";

// Next itself marks not-found responses `noindex`.
export const notFoundMetadata = { title: "Page not found" };

/**
 * What a reader sees for a page that does not exist. The latest articles are
 * listed only on the full 404 page (app/global-not-found.tsx): a not-found
 * boundary inside the layout rides along in every page's RSC payload, so it
 * stays small.
 */
export function NotFoundContent({ suggestions = false }: { suggestions?: boolean }) {
  return (
    <>
      <h1>We couldn't find that page</h1>
      <p>
        The link may be old or mistyped. Try the <Link href="/">home page</Link>
        {suggestions ? ", or one of our latest articles:" : "."}
      </p>
      {suggestions ? <ArticleList articles={content.latestArticles(3)} headingLevel={2} /> : null}
    </>
  );
}
