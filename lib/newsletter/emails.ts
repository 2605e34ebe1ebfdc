import type { Message } from "../mail/transport";
import { escapeHtml } from "../comments/text";
import { listHeaders, type ListHeaderInput } from "./list-headers";

/**
 * The subscription emails (confirm, welcome, already subscribed). Short,
 * table-based and inline-styled so every mail client shows them the same,
 * each with a plain-text part. Newsletter issues have their own renderer.
 */
export type SubscriptionMailContext = {
  to: string;
  firstName?: string | null;
  siteName: string;
  newsletterName: string;
  publicUrl: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
  list: ListHeaderInput;
};

type Block = { text: string; html: string };
const para = (s: string): Block => ({ text: s, html: `<p style="margin:0 0 16px">${escapeHtml(s)}</p>` });
const button = (label: string, url: string): Block => ({
  text: `${label}:\n${url}`,
  html: `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="background:#0b5d4b;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555555">Or paste this link into your browser: ${escapeHtml(url)}</p>`,
});

function layout(c: SubscriptionMailContext, subject: string, blocks: Block[], footerNote: string): Message {
  const footer = `${footerNote}\nUnsubscribe: ${c.unsubscribeUrl}\nPreferences: ${c.preferencesUrl}`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f1"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f1"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px"><tr><td style="padding:28px 24px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1d1d1b">
<p style="margin:0 0 20px;font-size:14px;font-weight:bold;color:#0b5d4b">${escapeHtml(c.newsletterName)}</p>
${blocks.map((b) => b.html).join("\n")}
</td></tr></table>
<p style="max-width:560px;margin:16px auto 0;font-family:Arial,sans-serif;font-size:12px;line-height:1.5;color:#555555">${escapeHtml(footerNote)}<br><a href="${escapeHtml(c.unsubscribeUrl)}" style="color:#555555">Unsubscribe</a> · <a href="${escapeHtml(c.preferencesUrl)}" style="color:#555555">Preferences</a></p>
</td></tr></table></body></html>`;
  return {
    to: c.to,
    subject,
    text: `${blocks.map((b) => b.text).join("\n\n")}\n\n--\n${footer}\n`,
    html,
    headers: listHeaders(c.list),
  };
}

const hello = (c: SubscriptionMailContext) => (c.firstName ? `Hi ${c.firstName},` : "Hi,");

export function confirmationEmail(c: SubscriptionMailContext, confirmUrl: string, validHours: number): Message {
  return layout(
    c,
    `Please confirm your subscription to ${c.newsletterName}`,
    [
      para(hello(c)),
      para(`Someone (hopefully you) asked to receive ${c.newsletterName} from ${c.siteName} at this address. Please confirm with the button below; until you do, we will not send you anything else.`),
      button("Yes, subscribe me", confirmUrl),
      para(`The link works once and expires in ${validHours} hours. If you did not sign up, ignore this email and the request will be deleted.`),
    ],
    "You received this because this address was entered in our newsletter form.",
  );
}

export function welcomeEmail(c: SubscriptionMailContext): Message {
  return layout(
    c,
    `Welcome to ${c.newsletterName}`,
    [
      para(hello(c)),
      para(`You're subscribed. Each issue brings practical, evidence-based ideas for living with less back and neck pain, written by the clinicians behind ${c.siteName}.`),
      para(`Every email has a one-click unsubscribe link, and from your preferences page you can pause, download or delete your data at any time.`),
      button("Read the latest articles", `${c.publicUrl}/`),
    ],
    `You're receiving this because you confirmed your subscription to ${c.newsletterName}.`,
  );
}

export function alreadySubscribedEmail(c: SubscriptionMailContext): Message {
  return layout(
    c,
    `You're already subscribed to ${c.newsletterName}`,
    [
      para(hello(c)),
      para(`Someone just entered this address in our newsletter form, but you're already on the list, so nothing has changed.`),
      para(`If you meant to change your details or pause for a while, your preferences page is one click away.`),
      button("Manage my subscription", c.preferencesUrl),
    ],
    `You're receiving this because you are subscribed to ${c.newsletterName}.`,
  );
}
