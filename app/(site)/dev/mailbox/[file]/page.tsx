import Link from "next/link";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { devMailboxEnabled, readDevMessage } from "@/lib/mail/dev-mailbox";

export const dynamic = "force-dynamic";
export const metadata = { title: "Development mailbox", robots: { index: false } };

type Props = { params: Promise<{ file: string }> };

export default async function DevMessage({ params }: Props) {
  const e = env();
  if (!devMailboxEnabled(e)) notFound();
  const m = await readDevMessage(e.OUTBOX_DIR, decodeURIComponent((await params).file));
  if (!m) notFound();
  return (
    <div className="mailbox-message">
      <p>
        <Link href="/dev/mailbox">← All emails</Link>
      </p>
      <h1>{m.subject}</h1>
      <dl className="mail-headers">
        {m.headers.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {m.links.length > 0 ? (
        <>
          <h2>Links in this email</h2>
          <ul>
            {m.links.map((l) => (
              <li key={l}>
                <a href={l}>{l}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {m.html ? (
        <>
          <h2>HTML part</h2>
          {/* Sandboxed: the email's HTML cannot run scripts or touch this page. */}
          <iframe
            title={`HTML of “${m.subject}”`}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={`<base target="_blank">${m.html}`}
            className="mail-html"
          />
        </>
      ) : null}
      <h2>Text part</h2>
      <pre className="mail-text">{m.text}</pre>
    </div>
  );
}
