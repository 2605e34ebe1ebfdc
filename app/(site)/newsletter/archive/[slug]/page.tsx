import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MdxContent } from "@/components/mdx-content";
import { content } from "@/lib/content";
import { formatDate } from "@/lib/content/format";
import { db } from "@/lib/db";
import { sentIssueSlugs } from "@/lib/newsletter/campaigns";

// The "view in browser" copy of a sent issue, with the site's own components.
// Issues not sent yet are not published.
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

async function sentIssue(slug: string) {
  const issue = content.newsletterBySlug(slug);
  if (!issue) return undefined;
  const sent = (await sentIssueSlugs(db()).catch(() => [])).find((s) => s.slug === slug);
  return sent ? { issue, sentAt: sent.sentAt } : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await sentIssue((await params).slug);
  return found ? { title: found.issue.subject, description: found.issue.preheader, alternates: { canonical: `/newsletter/archive/${found.issue.slug}` } } : {};
}

export default async function ArchivedIssue({ params }: Props) {
  const found = await sentIssue((await params).slug);
  if (!found) notFound();
  const { issue, sentAt } = found;
  return (
    <article className="narrow">
      <p className="meta">
        <Link href="/newsletter/archive">Newsletter archive</Link> · <time dateTime={sentAt.toISOString()}>{formatDate(sentAt.toISOString())}</time>
      </p>
      <h1>{issue.subject}</h1>
      {issue.preheader ? <p className="lede">{issue.preheader}</p> : null}
      <MdxContent code={issue.body.code} className="prose" />
      <p>
        <Link href="/newsletter">Get the next issue by email</Link>
      </p>
    </article>
  );
}
