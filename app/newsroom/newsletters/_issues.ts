// The issues in content/newsletters as the console needs them: the list, and
// one issue rendered as its email exactly as `npm run newsletter` renders it
// (components/email/issue.tsx), once per process (content does not change
// under a running build).
import "server-only";
import { renderNewsletterIssue } from "@/components/email/issue";
import { content } from "@/lib/content";
import { env } from "@/lib/env";
import type { RenderedEmail } from "@/lib/mail/templates";
import type { IssueSummary } from "@/lib/newsroom/newsletters";

export function issueList(): IssueSummary[] {
  return content
    .newsletters()
    .map((n) => ({ slug: n.slug, subject: n.subject, preheader: n.preheader ?? undefined, sendOn: n.sendOn ?? undefined }));
}

const rendered = new Map<string, Promise<RenderedEmail & { slug: string }>>();

/** The issue rendered as its email, or undefined for a slug that is not an issue. */
export function renderedIssue(slug: string): Promise<(RenderedEmail & { slug: string }) | undefined> {
  const issue = content.newsletterBySlug(slug);
  if (!issue) return Promise.resolve(undefined);
  let r = rendered.get(slug);
  if (!r) {
    r = renderNewsletterIssue(issue, env().PUBLIC_URL).then((e) => ({ ...e, slug }));
    rendered.set(slug, r);
  }
  return r;
}
