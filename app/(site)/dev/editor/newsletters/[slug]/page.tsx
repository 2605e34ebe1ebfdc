import Link from "next/link";
import { notFound } from "next/navigation";
import emails from "@/.contentlayer/newsletter-emails.json" with { type: "json" };
import { editorConsoleEnabled } from "@/lib/editor-console";
import { env } from "@/lib/env";
import { personaliser, type RenderedIssue } from "@/lib/newsletter/issue";

// Preview of one issue exactly as the email renders it (built by
// `npm run content:render`), personalised for a sample reader.
export const dynamic = "force-dynamic";
export const metadata = { title: "Issue preview", robots: { index: false } };

type Props = { params: Promise<{ slug: string }> };

export default async function IssuePreview({ params }: Props) {
  if (!editorConsoleEnabled(env())) notFound();
  const { slug } = await params;
  const issue = (emails as Record<string, RenderedIssue>)[slug];
  if (!issue) notFound();
  const sample = personaliser(issue)({ firstName: "Alex", unsubscribeUrl: "#unsubscribe", preferencesUrl: "#preferences" });
  return (
    <div className="mailbox-message">
      <p>
        <Link href="/dev/editor">← Editor console</Link>
      </p>
      <h1>{issue.subject}</h1>
      <p>
        Email preview for a sample reader. Send yourself a copy with <code>npm run newsletter -- test {slug} --to you@example.com</code>.
      </p>
      <h2>HTML part</h2>
      <iframe title={`Email preview of “${issue.subject}”`} sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={`<base target="_blank">${sample.html}`} className="mail-html" />
      <h2>Text part</h2>
      <pre className="mail-text">{sample.text}</pre>
    </div>
  );
}
