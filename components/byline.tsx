import Link from "next/link";
import { formatDate } from "@/lib/content/format";
import { shownReviewDate } from "@/lib/content/review";
import type { ResolvedArticle } from "@/lib/content";

export function Byline({ article }: { article: ResolvedArticle }) {
  const { authorDoc: author, reviewerDoc: reviewer } = article;
  // A review date in the future is a typo, never a promise to show readers.
  const reviewedOn = shownReviewDate(article.reviewedOn, new Date());
  return (
    <div className="byline">
      <p>
        By{" "}
        <Link href={author.url} rel="author" className="byline-author">
          {author.name}
          {author.credentials ? `, ${author.credentials}` : ""}
        </Link>
      </p>
      {reviewer ? (
        <p>
          Medically reviewed by{" "}
          <Link href={reviewer.url}>
            {reviewer.name}
            {reviewer.credentials ? `, ${reviewer.credentials}` : ""}
          </Link>
          {reviewedOn ? (
            <>
              {" "}
              on <time dateTime={reviewedOn}>{formatDate(reviewedOn)}</time>
            </>
          ) : null}
        </p>
      ) : null}
      <p className="meta">
        Published <time dateTime={article.published}>{formatDate(article.published)}</time>
        {article.updated ? (
          <>
            {" · "}Updated <time dateTime={article.updated}>{formatDate(article.updated)}</time>
          </>
        ) : null}
        {" · "}
        {article.readingMinutes} min read
      </p>
    </div>
  );
}
