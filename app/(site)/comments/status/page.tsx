import Link from "next/link";
import { outcomeMessage } from "@/lib/comments/outcome";
import { content } from "@/lib/content";

// Where a comment posted without JavaScript lands: the article page itself is
// static and cannot show a message meant for one visitor only.
export const metadata = { title: "Your comment", robots: { index: false } };

type Props = { searchParams: Promise<{ article?: string; result?: string; fields?: string }> };

export default async function CommentStatus({ searchParams }: Props) {
  const { article: slug = "", result, fields } = await searchParams;
  const article = content.articleBySlug(slug);
  const back = article ? (
    <Link href={`${article.url}#comments`}>Back to “{article.title}”</Link>
  ) : (
    <Link href="/">Back to the home page</Link>
  );
  if (result === "published")
    return (
      <>
        <h1>Thank you, your comment is published</h1>
        <p>{back}</p>
      </>
    );
  if (result === "held")
    return (
      <>
        <h1>Thank you, your comment is awaiting moderation</h1>
        <p>An editor reads every first comment before it appears. {back}</p>
      </>
    );
  return (
    <>
      <h1>Your comment was not posted</h1>
      <p role="alert">{outcomeMessage(result, fields?.split(","))}</p>
      <p>Use your browser's back button to return to the form with your text. {back}</p>
    </>
  );
}
