import Link from "next/link";
import { formatDate } from "@/lib/content/format";

import type { ReviewInfo } from "@/lib/content/review";

/** Who checked this article's health information, when, and when they will look again. */
export function ReviewedBy({ review }: { review: ReviewInfo }) {
  const { reviewer, reviewedOn, dueOn, policyPath } = review;
  return (
    <aside className="reviewed-by" aria-label="Medical review">
      <p>
        <strong>Medically reviewed</strong> by{" "}
        <Link href={reviewer.url}>
          {reviewer.name}
          {reviewer.credentials ? `, ${reviewer.credentials}` : ""}
        </Link>{" "}
        ({reviewer.role})
        {reviewedOn ? (
          <>
            {" "}
            on <time dateTime={reviewedOn}>{formatDate(reviewedOn)}</time>
          </>
        ) : null}
        .{dueOn ? <> Next review due by {formatDate(dueOn)}.</> : null}
        {policyPath ? (
          <>
            {" "}
            <Link href={policyPath}>How we review</Link>.
          </>
        ) : null}
      </p>
    </aside>
  );
}
