// Test support: the messages that come back to a bounce mailbox, written
// from the RFC examples (RFC 3464 §6, RFC 5965 §B) with our own values.
export type OriginalRef = { messageId?: string; returnPath?: string; to?: string };

const original = (o: OriginalRef) =>
  [
    o.returnPath ? `Return-Path: <${o.returnPath}>` : "",
    "From: Back in Motion <news@backinmotion.example>",
    `To: ${o.to ?? "reader@example.com"}`,
    "Subject: Winter walking",
    o.messageId ? `Message-ID: ${o.messageId}` : "",
    "Date: Wed, 25 Nov 2026 09:00:00 +0000",
  ]
    .filter(Boolean)
    .join("\r\n");

/** A delivery status notification as Postfix writes one: to the envelope sender, quoting the original's headers. */
export function dsn(o: {
  to: string;
  recipient?: string;
  action?: string;
  status?: string;
  diagnostic?: string;
  original?: OriginalRef;
  reportId?: string;
  headersOnly?: boolean;
}): string {
  const recipient = o.recipient ?? "reader@example.com";
  return [
    "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)",
    `To: ${o.to}`,
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: <${o.reportId ?? `dsn-${Math.random().toString(36).slice(2)}`}@mx.example.net>`,
    "Date: Wed, 25 Nov 2026 10:00:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"',
    "",
    "This is a MIME-encapsulated message.",
    "",
    "--dsn-boundary",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "",
    "--dsn-boundary",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "Arrival-Date: Wed, 25 Nov 2026 09:00:01 +0000",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822;${recipient}`,
    `Action: ${o.action ?? "failed"}`,
    `Status: ${o.status ?? "5.1.1"}`,
    "Remote-MTA: dns; mail.example.com",
    `Diagnostic-Code: smtp; ${o.diagnostic ?? `550 5.1.1 <${recipient}>: Recipient address rejected:`}`,
    "    User unknown in virtual mailbox table",
    "",
    "--dsn-boundary",
    `Content-Type: ${o.headersOnly ? "text/rfc822-headers" : "message/rfc822"}`,
    "",
    original({ ...o.original, to: recipient }),
    ...(o.headersOnly ? [] : ["", "Hello there, this is the issue."]),
    "",
    "--dsn-boundary--",
    "",
  ].join("\r\n");
}

/** An abuse report in ARF, as a mailbox provider's feedback loop sends one. */
export function arf(o: { to?: string; feedbackType?: string; original: OriginalRef; reportId?: string }): string {
  return [
    "From: <staff@hotmail.example>",
    `To: ${o.to ?? "fbl@backinmotion.example"}`,
    "Subject: FW: Winter walking",
    `Message-ID: <${o.reportId ?? `arf-${Math.random().toString(36).slice(2)}`}@hotmail.example>`,
    "Date: Thu, 26 Nov 2026 08:00:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=feedback-report; boundary="arf-boundary"',
    "",
    "--arf-boundary",
    'Content-Type: text/plain; charset="US-ASCII"',
    "",
    "This is an email abuse report for an email message received from IP 192.0.2.1.",
    "",
    "--arf-boundary",
    "Content-Type: message/feedback-report",
    "",
    `Feedback-Type: ${o.feedbackType ?? "abuse"}`,
    "User-Agent: SomeGenerator/1.0",
    "Version: 1",
    "Original-Mail-From: <news@backinmotion.example>",
    "Arrival-Date: Thu, 26 Nov 2026 07:59:00 +0000",
    "Source-IP: 192.0.2.1",
    "Reported-Domain: backinmotion.example",
    "",
    "--arf-boundary",
    "Content-Type: message/rfc822",
    "Content-Disposition: inline",
    "",
    original(o.original),
    "",
    "Hello there, this is the issue.",
    "",
    "--arf-boundary--",
    "",
  ].join("\r\n");
}

/** What a mail client sends for the List-Unsubscribe mailto. */
export function mailtoUnsubscribe(o: { subject: string; from?: string; reportId?: string }): string {
  return [
    `From: ${o.from ?? "reader@example.com"}`,
    "To: news@backinmotion.example",
    `Subject: ${o.subject}`,
    `Message-ID: <${o.reportId ?? `u-${Math.random().toString(36).slice(2)}`}@example.com>`,
    "Date: Thu, 26 Nov 2026 08:00:00 +0000",
    "",
    "",
  ].join("\r\n");
}
