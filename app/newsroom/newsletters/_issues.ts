// The issues in content/newsletters as the console needs them: the list, and
// one issue rendered as its email exactly as `npm run newsletter` renders it
// (components/email/issue.tsx), once per process (content does not change
// under a running build).
import "server-only";
import { renderNewsletterIssue } from "@/components/email/issue";
import { content } from "@/lib/content";
import { env } from "@/lib/env";
import type { RenderedEmail } from "@/lib/mail/templates";
import { issueSlug, type IssueSummary } from "@/lib/newsroom/newsletters";
import { editorForRequest } from "./_access";

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

/**
 * The start of a console request about one issue (send, test): the signed-in
 * editor, the issue and whether to answer in JSON, or the response that
 * refuses the request (the gate's, or 404 for a slug that is not an issue).
 */
export async function issueRequest(request: Request, params: Promise<{ slug: string }>) {
  const who = await editorForRequest(request, "editor", { accept: ["form", "json"] });
  if (!who.ok) return who;
  const slug = issueSlug.safeParse((await params).slug);
  const issue = slug.success ? await renderedIssue(slug.data) : undefined;
  if (!slug.success || !issue)
    return { ok: false as const, response: Response.json({ error: "No such issue", field: "slug" }, { status: 404 }) };
  return { ...who, slug: slug.data, issue, json: who.body.kind === "json" };
}
