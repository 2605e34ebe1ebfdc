import type { Message } from "../mail/transport";
import { signToken } from "../security/signed-token";
import { escapeHtml } from "./text";

export const STOP_REPLIES_PURPOSE = "stop-replies";

export type ReplyNotice = {
  to: string;
  parentId: string;
  replyId: string;
  replierName: string;
  articleTitle: string;
  articleUrl: string; // absolute
  publicUrl: string;
  secret: string;
  mailFrom: string;
};

/**
 * "Someone replied to your comment", with a link to the reply and a one-click
 * way to stop further notices (List-Unsubscribe, RFC 8058). Never includes
 * the replier's email.
 */
export function replyNotification(n: ReplyNotice): Message {
  const stop = `${n.publicUrl}/api/comments/stop-replies?token=${encodeURIComponent(signToken(n.secret, STOP_REPLIES_PURPOSE, n.parentId))}`;
  const link = `${n.articleUrl}#comment-${n.replyId}`;
  const address = n.mailFrom.match(/<([^>]+)>/)?.[1] ?? n.mailFrom;
  return {
    to: n.to,
    subject: `New reply to your comment on “${n.articleTitle}”`,
    text: `${n.replierName} replied to your comment on “${n.articleTitle}”.\n\nRead the reply: ${link}\n\nStop emails about replies to this comment: ${stop}\n`,
    html: `<p>${escapeHtml(n.replierName)} replied to your comment on “${escapeHtml(n.articleTitle)}”.</p><p><a href="${escapeHtml(link)}">Read the reply</a></p><p style="font-size:13px;color:#555"><a href="${escapeHtml(stop)}">Stop emails about replies to this comment</a></p>`,
    headers: {
      "List-Unsubscribe": `<${stop}>, <mailto:${address}?subject=stop-replies-${n.parentId}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
