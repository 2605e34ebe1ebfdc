import type { SigningKeys } from "../security/signed-token";
import { bounceAddressFor } from "../audience/bounce-address";
import { clickToken, rewriteLinks, sentAtValue } from "../audience/clicks";
import { listHeaders } from "../mail/list-headers";
import type { Message } from "../mail/transport";
import { messageIdFor } from "./delivery-state";
import { compileMimeIssue } from "./mime-template";
import { personaliser } from "./placeholders";
import { newsletterLinks } from "./tokens";

/**
 * The per-recipient message of a campaign: the frozen HTML and text with
 * the recipient's name and links substituted, the list headers, and the
 * deterministic Message-ID (so a resend after a crash carries the same one).
 * Normally a raw MIME message from the template compiled once per campaign
 * (mime-template.ts: a few string joins per recipient); an address that
 * needs SMTPUTF8 goes through nodemailer's own composer instead.
 */
export type CampaignContent = { id: string; subject: string; html: string; text: string };
export type MessageSettings = {
  /** The sender, "Name <address>" (MAIL_FROM). */
  from: string;
  publicUrl: string;
  keys: SigningKeys;
  listId: string;
  unsubscribeMailto: string;
  /** The bounce mailbox (NEWSLETTER_BOUNCE_ADDRESS): each delivery's envelope sender becomes its VERP address. */
  bounceMailbox?: string;
  /** Count clicks: links in the HTML part go through /r/ (NEWSLETTER_CLICK_COUNTING). */
  countClicks?: boolean;
};

/** The issue's HTML with its links through /r/ (signed once per campaign and link), or as it was. */
export function withClickLinks(d: Pick<MessageSettings, "publicUrl" | "keys" | "countClicks">, c: CampaignContent): CampaignContent {
  if (!d.countClicks) return c;
  const tokens = new Map<string, string>();
  const html = rewriteLinks(c.html, (url) => {
    if (url.startsWith(d.publicUrl + "/r/")) return url;
    let token = tokens.get(url);
    if (!token) tokens.set(url, (token = clickToken(d.keys, c.id, url)));
    return `${d.publicUrl}/r/${token}?t=%%SENT_AT%%`;
  });
  return { ...c, html };
}
export type Recipient = { deliveryId: string; subscriberId: string; email: string; firstName: string | null };
export function campaignMessages(d: MessageSettings, issue: CampaignContent): (r: Recipient) => Message {
  const c = withClickLinks(d, issue);
  const links = newsletterLinks(d.publicUrl, d.keys);
  const host = new URL(d.publicUrl).hostname;
  const raw = compileMimeIssue({
    from: d.from,
    subject: c.subject,
    html: c.html,
    text: c.text,
    listId: d.listId,
    unsubscribeMailto: d.unsubscribeMailto,
  });
  const composed = composedMessages(d, c);
  return (r) => {
    const built = raw({
      to: r.email,
      messageId: messageIdFor(c.id, r.deliveryId, host),
      firstName: r.firstName,
      unsubscribeUrl: links.unsubscribe(r.subscriberId),
      preferencesUrl: links.preferences(r.subscriberId),
      oneClickUrl: links.oneClick(r.subscriberId),
      mailtoSubject: links.mailtoSubject(r.subscriberId),
      sentAt: sentAtValue(new Date()),
    });
    if (!built) return composed(r);
    if (d.bounceMailbox) built.envelope.from = bounceAddressFor(d.bounceMailbox, d.keys, r.deliveryId);
    return built;
  };
}

/** The same message as nodemailer options (for SMTPUTF8 addresses, previews and test sends). */
export function composedMessages(d: Omit<MessageSettings, "from">, c: CampaignContent): (r: Recipient) => Message {
  const fill = personaliser(c);
  const links = newsletterLinks(d.publicUrl, d.keys);
  const host = new URL(d.publicUrl).hostname;
  return (r) => {
    const personal = fill({
      firstName: r.firstName,
      unsubscribeUrl: links.unsubscribe(r.subscriberId),
      preferencesUrl: links.preferences(r.subscriberId),
      sentAt: sentAtValue(new Date()),
    });
    return {
      to: r.email,
      subject: c.subject,
      html: personal.html,
      text: personal.text,
      messageId: messageIdFor(c.id, r.deliveryId, host),
      ...(d.bounceMailbox ? { envelope: { from: bounceAddressFor(d.bounceMailbox, d.keys, r.deliveryId), to: [r.email] } } : {}),
      headers: listHeaders({
        oneClickUrl: links.oneClick(r.subscriberId),
        mailto: d.unsubscribeMailto,
        mailtoSubject: links.mailtoSubject(r.subscriberId),
        listId: d.listId,
      }),
    };
  };
}
