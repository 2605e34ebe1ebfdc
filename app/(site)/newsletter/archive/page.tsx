import Link from "next/link";
import { content } from "@/lib/content";
import { formatDate } from "@/lib/content/format";
import { db } from "@/lib/db";
import { sentIssueSlugs } from "@/lib/newsletter/campaigns";

// Issues appear here once their campaign has started sending. Regenerated
// at most every five minutes, so a page view rarely touches the database.
export const revalidate = 300;
export const metadata = {
  title: "Newsletter archive",
  description: "Past issues of Less Pain, More Life, our free newsletter.",
  alternates: { canonical: "/newsletter/archive" },
};

export default async function Archive() {
  const sent = await sentIssueSlugs(db()).catch(() => []);
  const issues = sent.flatMap(({ slug, sentAt }) => {
    const n = content.newsletterBySlug(slug);
    return n ? [{ slug, subject: n.subject, preheader: n.preheader, sentAt }] : [];
  });
  return (
    <div className="narrow">
      <h1>Newsletter archive</h1>
      <p>
        Every issue of Less Pain, More Life we have sent. <Link href="/newsletter">Subscribe</Link> to get the next one by email.
      </p>
      {issues.length === 0 ? (
        <p>No issues have been sent yet.</p>
      ) : (
        <ul className="article-list">
          {issues.map((i) => (
            <li key={i.slug}>
              <article className="article-card">
                <h2 className="article-card-title">
                  <Link href={`/newsletter/archive/${i.slug}`}>{i.subject}</Link>
                </h2>
                {i.preheader ? <p className="article-card-description">{i.preheader}</p> : null}
                <p className="meta">
                  <time dateTime={i.sentAt.toISOString()}>{formatDate(i.sentAt.toISOString())}</time>
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
