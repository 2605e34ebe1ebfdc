import Link from "next/link";
import { notFound } from "next/navigation";
import { Table } from "@/components/newsroom/table";
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
        <Table
          className="mailbox"
          columns={["Subject", "To", "Sent"]}
          rows={messages}
          rowKey={(m) => m.file}
          cells={(m) => [
            <Link key="subject" href={`/dev/mailbox/${encodeURIComponent(m.file)}`}>
              {m.subject}
            </Link>,
            m.to,
            <time key="sent" dateTime={m.date}>
              {m.date.replace("T", " ").slice(0, 19)}
            </time>,
          ]}
        />
      )}
    </div>
  );
}
