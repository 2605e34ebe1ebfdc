import { content } from "@/lib/content";
import { renderIssue, type RenderedIssue } from "@/lib/newsletter/issue";
import { NEWSLETTER_NAME } from "@/lib/newsletter/runtime";
import { site } from "@/lib/site";
import { renderIssueBody } from "./render-issue-body";

export const archiveUrl = (publicUrl: string, slug: string) => `${publicUrl}/newsletter/archive/${slug}`;

/** A newsletter issue from content/newsletters, rendered once for email. */
export function renderNewsletterIssue(slug: string, publicUrl: string): RenderedIssue | undefined {
  const issue = content.newsletterBySlug(slug);
  if (!issue) return undefined;
  return renderIssue({
    subject: issue.subject,
    preheader: issue.preheader,
    bodyHtml: renderIssueBody(issue, publicUrl),
    newsletterName: NEWSLETTER_NAME,
    siteName: site.name,
    publicUrl,
    webUrl: archiveUrl(publicUrl, slug),
  });
}
