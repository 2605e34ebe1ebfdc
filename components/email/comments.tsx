import type { EmailTemplates } from "@/lib/mail/templates";
import { Button, EmailLayout, FooterLink, Paragraph } from "./layout";
import { renderEmail } from "./render";

export const replyNotice: EmailTemplates["replyNotice"] = (p) => {
  const subject = `New reply to your comment on “${p.articleTitle}”`;
  return renderEmail(
    subject,
    <EmailLayout
      title={subject}
      brand={p.siteName}
      footer={
        <>
          You asked to hear about replies to your comment.
          <br />
          <FooterLink href={p.stopUrl}>Stop emails about replies to this comment</FooterLink>
        </>
      }
    >
      <Paragraph>
        {p.replierName} replied to your comment on “{p.articleTitle}”.
      </Paragraph>
      <Button href={p.replyUrl}>Read the reply</Button>
    </EmailLayout>,
  );
};

export const confirmBrowser: EmailTemplates["confirmBrowser"] = (p) => {
  const subject = `Confirm it was you commenting on ${p.siteName}`;
  return renderEmail(
    subject,
    <EmailLayout title={subject} brand={p.siteName} footer="You received this because this address was used to comment on our site.">
      <Paragraph>Hello,</Paragraph>
      <Paragraph>
        A comment was just posted on “{p.articleTitle}” with this email address, from a browser we have not seen with it before. It is
        waiting for an editor.
      </Paragraph>
      <Paragraph>
        If it was you, open this link in the same browser you commented from: your comment appears at once, and so will your next ones from
        that browser.
      </Paragraph>
      <Button href={p.confirmUrl}>It was me: confirm this browser</Button>
      <Paragraph>
        The link works only in that browser and expires in {p.validHours} hours. If it was not you, ignore this email: nothing is published
        without it or an editor.
      </Paragraph>
    </EmailLayout>,
  );
};
