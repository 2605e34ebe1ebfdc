import type { CaptchaWidget } from "@/components/captcha/use-captcha";
import type { PublicComment } from "@/lib/comments/public";
import type { ThreadNode } from "@/lib/comments/threading";
import { CommentForm } from "./comment-form";
import { CommentThread } from "./comment-thread";

/**
 * Approved comments, rendered into the article's static HTML when the page
 * is built or regenerated (an approval regenerates it), so a page view costs
 * no database query. The page loads them and passes them in.
 */
export function CommentSection(props: {
  articleSlug: string;
  threads: ThreadNode<PublicComment>[];
  count: number;
  shown: number;
  captcha: CaptchaWidget;
}) {
  const { articleSlug, threads, count, shown, captcha } = props;
  return (
    <section id="comments" className="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{count === 0 ? "Comments" : `${count} ${count === 1 ? "Comment" : "Comments"}`}</h2>
      {count === 0 ? <p>No comments yet. Be the first to share your experience.</p> : <CommentThread nodes={threads} now={new Date()} />}
      {shown < count ? (
        <p className="meta">
          Showing the newest {shown} of {count} comments.
        </p>
      ) : null}
      <CommentForm articleSlug={articleSlug} captcha={captcha} />
    </section>
  );
}
