import Link from "next/link";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { devMailboxEnabled, listDevMailbox } from "@/lib/mail/dev-mailbox";

// Development only: the emails local mode "sent" (written to OUTBOX_DIR).
export const dynamic = "force-dynamic";
export const metadata = { title: "Development mailbox", robots: { index: false } };

export default async function DevMailbox() {
  const e = env();
  if (!devMailboxEnabled(e)) notFound();
  const messages = await listDevMailbox(e.OUTBOX_DIR);
  return (
    <div className="narrow">
      <h1>Development mailbox</h1>
      <p>
        Local mode writes every email to <code>{e.OUTBOX_DIR}/</code> instead of sending it. Newest first. This page does not exist in
        production.
      </p>
      {messages.length === 0 ? (
        <p>No emails yet. Sign up for the newsletter on any page and the confirmation email appears here.</p>
      ) : (
        <table className="mailbox">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.file}>
                <td>
                  <Link href={`/dev/mailbox/${encodeURIComponent(m.file)}`}>{m.subject}</Link>
                </td>
                <td>{m.to}</td>
                <td>
                  <time dateTime={m.date}>{m.date.replace("T", " ").slice(0, 19)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
