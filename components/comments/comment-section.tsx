import { captchaWidget } from "@/lib/captcha/widget";
import { approvedCommentThreads } from "@/lib/comments/public";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { CommentForm } from "./comment-form";
import { CommentThread } from "./comment-thread";

/**
 * Approved comments, rendered into the article's static HTML when the page
 * is built or regenerated (an approval regenerates it), so a page view costs
 * no database query.
 */
export async function CommentSection({ articleSlug }: { articleSlug: string }) {
  const { threads, count } = await approvedCommentThreads(db(), articleSlug);
  return (
    <section id="comments" className="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        {count === 0 ? "Comments" : `${count} ${count === 1 ? "Comment" : "Comments"}`}
      </h2>
      {count === 0 ? <p>No comments yet. Be the first to share your experience.</p> : <CommentThread nodes={threads} now={new Date()} />}
      <CommentForm articleSlug={articleSlug} captcha={captchaWidget(env())} />
    </section>
  );
}
