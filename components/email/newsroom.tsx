import type { EmailTemplates } from "@/lib/mail/templates";
import { Button, EmailLayout, Paragraph } from "./layout";
import { renderEmail } from "./render";

export const newsroomSignIn: EmailTemplates["newsroomSignIn"] = (p) => {
  const subject = `Sign in to the ${p.siteName} newsroom`;
  return renderEmail(
    subject,
    <EmailLayout
      title={subject}
      brand={p.siteName}
      footer="You received this because someone asked to sign in to the newsroom with this address."
    >
      <Paragraph>Hello {p.editorName},</Paragraph>
      <Paragraph>
        Open this link in the browser where you asked to sign in. It works once and expires in {p.validMinutes} minutes.
      </Paragraph>
      <Button href={p.signInUrl}>Sign in to the newsroom</Button>
      <Paragraph>
        If you did not ask to sign in, ignore this email: nobody can use the link without also opening it, and it expires soon.
      </Paragraph>
    </EmailLayout>,
  );
};
