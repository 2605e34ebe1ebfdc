import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MdxContent } from "@/components/mdx-content";
import { PreviewBanner } from "@/components/preview-banner";
import { isPreviewOf } from "@/app/(site)/preview";
import type { Newsletter } from "@/lib/content/types";
import { content } from "@/lib/content";
import { formatDate } from "@/lib/content/format";
import { db } from "@/lib/db";
import { sentIssueSlugs } from "@/lib/newsletter/campaigns";

// The "view in browser" copy of a sent issue, with the site's own components.
// Issues not sent yet answer 404 until their campaign starts (the worker
// regenerates the page then). Only issues that exist in content/newsletters
// have a page at all: any other slug is a 404 that renders and stores
// nothing, so a crawler inventing slugs cannot fill the disk.
export const revalidate = 300;
export const dynamicParams = false;
export function generateStaticParams() {
  return content.newsletters().map((n) => ({ slug: n.slug }));
}

type Props = { params: Promise<{ slug: string }> };

async function sentIssue(slug: string): Promise<{ issue: Newsletter; sentAt?: Date } | undefined> {
  const issue = content.newsletterBySlug(slug);
  if (!issue) return undefined;
  const sent = (await sentIssueSlugs(db()).catch(() => [])).find((s) => s.slug === slug);
  if (sent) return { issue, sentAt: sent.sentAt };
  // Not sent yet: only a signed preview of this issue sees it (decision 0019).
  return (await isPreviewOf("newsletter", slug)) ? { issue } : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await sentIssue((await params).slug);
  return found
    ? {
        ...(found.sentAt ? {} : { robots: { index: false, follow: false } }),
        title: found.issue.subject,
        description: found.issue.preheader,
        alternates: { canonical: `/newsletter/archive/${found.issue.slug}` },
      }
    : {};
}

export default async function ArchivedIssue({ params }: Props) {
  const found = await sentIssue((await params).slug);
  if (!found) notFound();
  const { issue, sentAt } = found;
  return (
    <article className="narrow">
      {sentAt ? null : <PreviewBanner state="unsent" />}
      <p className="meta">
        <Link href="/newsletter/archive">Newsletter archive</Link>
        {sentAt ? (
          <>
            {" · "}
            <time dateTime={sentAt.toISOString()}>{formatDate(sentAt.toISOString())}</time>
          </>
        ) : null}
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
