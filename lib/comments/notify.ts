import { listHeaders } from "../mail/list-headers";
import type { EmailTemplates } from "../mail/templates";
import type { Message } from "../mail/transport";
import { signToken, type SigningKeys } from "../security/signed-token";

export const STOP_REPLIES_PURPOSE = "stop-replies";

export type ReplyNotice = {
  to: string;
  parentId: string;
  replyId: string;
  /** A checked, plain name (lib/comments/names.ts): the only text from a stranger in this email. */
  replierName: string;
  articleTitle: string;
  articleUrl: string; // absolute
  publicUrl: string;
  siteName: string;
  keys: SigningKeys;
  /** Where mailed stop requests go (List-Unsubscribe mailto). */
  mailto: string;
};

/**
 * "Someone replied to your comment", with a link to the reply and a
 * one-click way to stop further notices (List-Unsubscribe, RFC 8058). Never
 * includes the replier's email.
 */
export async function replyNotification(n: ReplyNotice, templates: Pick<EmailTemplates, "replyNotice">): Promise<Message> {
  const token = signToken(n.keys, STOP_REPLIES_PURPOSE, n.parentId);
  const stopUrl = `${n.publicUrl}/api/comments/stop-replies?token=${encodeURIComponent(token)}`;
  const email = await templates.replyNotice({
    siteName: n.siteName,
    replierName: n.replierName,
    articleTitle: n.articleTitle,
    replyUrl: `${n.articleUrl}#comment-${n.replyId}`,
    stopUrl,
  });
  return { to: n.to, ...email, headers: listHeaders({ oneClickUrl: stopUrl, mailto: n.mailto, mailtoSubject: `stop-replies ${token}` }) };
}
