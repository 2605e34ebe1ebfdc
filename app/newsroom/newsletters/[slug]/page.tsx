import Link from "next/link";
import { notFound } from "next/navigation";
import { InboxLine, IssuePreviews } from "@/components/newsroom/newsletters/previews";
import { SendForm } from "@/components/newsroom/newsletters/send-form";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { issueSlug, issuesWithState } from "@/lib/newsroom/newsletters";
import { countRecipients } from "@/lib/newsletter/campaigns";
import { personaliser } from "@/lib/newsletter/placeholders";
import { campaignTopics } from "@/lib/newsletter/topics";
import { content } from "@/lib/content";
import { siteTopics } from "@/wiring/newsletter";
import { site } from "@/lib/site";
import { editorForPage } from "../_access";
import { issueList, renderedIssue } from "../_issues";
import { Notice } from "@/components/newsroom/console-chrome";

export const dynamic = "force-dynamic";
export const metadata = { title: "Newsletter issue", robots: { index: false } };

const DONE: Record<string, string> = {
  test: "A test copy is on its way to your address. No campaign was recorded.",
};
const ERRORS: Record<string, string> = {
  confirm: "Tick the box to confirm the send. Nothing was queued.",
  at: "Give a date and time in the future (UTC) to schedule, or choose send now. Nothing was queued.",
  changed: "The list changed since this page was opened, so nothing was queued. Check the new count below and confirm again.",
  "already-sent": "This issue already has a campaign, so nothing new was queued (a second click, or another editor was first).",
  "no-recipients": "There are no confirmed, unpaused subscribers for these topics. Nothing was queued.",
  topics: "Those topics are not all categories of the site. Nothing was queued; choose from the list.",
  mail: "The test copy could not be sent: the mail relay did not answer. Try again in a minute.",
};

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IssuePage({ params, searchParams }: Props) {
  await editorForPage("editor");
  const slug = issueSlug.safeParse((await params).slug);
  const issue = slug.success ? await renderedIssue(slug.data) : undefined;
  if (!slug.success || !issue) notFound();
  const q = await searchParams;
  const summary = issueList().find((i) => i.slug === slug.data)!;
  // The topics the count is for: the editor's choice from the topics form below (chosen=1), else the issue's `topics:`.
  const known = siteTopics();
  const asked = q.chosen ? [q.topics ?? []].flat() : [...(content.newsletterBySlug(slug.data)?.topics ?? [])];
  const targeted = campaignTopics(asked, known);
  const topics = targeted.ok ? targeted.topics : [];
  const [[state], recipients] = await Promise.all([issuesWithState(db(), [summary]), countRecipients(db(), topics)]);
  const text = personaliser(issue)({ firstName: "Alex", unsubscribeUrl: "<unsubscribe link>", preferencesUrl: "<preferences link>" }).text;
  const done = typeof q.done === "string" ? DONE[q.done] : undefined;
  const error = typeof q.error === "string" ? ERRORS[q.error] : undefined;
  const active = state.campaign && state.campaign.status !== "cancelled" ? state.campaign : undefined;
  return (
    <div className="newsroom-section">
      <p>
        <Link href="/newsroom/newsletters">← Newsletters</Link>
      </p>
      <h1>{issue.subject}</h1>
      <Notice notice={done} error={error} />
      <h2>In the inbox</h2>
      <InboxLine
        from={env().MAIL_FROM.replace(/\s*<.*$/, "") || site.newsletterName}
        subject={issue.subject}
        preheader={summary.preheader}
      />
      <h2>Preview</h2>
      <IssuePreviews slug={slug.data} subject={issue.subject} />
      <h2>Text part</h2>
      <pre className="newsroom-report" tabIndex={0} aria-label="The text part of the email">
        {text}
      </pre>
      <h2>Test</h2>
      <form method="post" action={`/api/newsroom/newsletters/${slug.data}/test`} className="newsroom-plain-form newsroom-inline">
        <p>Sends one copy, marked [TEST], to your own address. No campaign is recorded.</p>
        <button type="submit">Send me a test</button>
      </form>
      <h2>Send</h2>
      {active ? (
        <p>
          This issue has a campaign ({active.status}, {active.recipientCount.toLocaleString("en")} recipients):{" "}
          <Link href={`/newsroom/newsletters/campaigns/${active.id}`}>follow its progress</Link>.
        </p>
      ) : null}
      {targeted.ok ? null : (
        <p role="alert" className="newsroom-error">
          {targeted.message}. The count below is for everyone.
        </p>
      )}
      <SendForm slug={slug.data} recipients={recipients} latest={active?.id} topics={topics} known={known} />
    </div>
  );
}
