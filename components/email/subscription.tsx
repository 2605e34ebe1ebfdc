import type { EmailTemplates, SubscriptionEmailBase } from "@/lib/mail/templates";
import { Button, EmailLayout, FooterLink, Paragraph } from "./layout";
import { renderEmail } from "./render";

function SubscriptionFrame(props: SubscriptionEmailBase & { title: string; note: string; children: React.ReactNode }) {
  return (
    <EmailLayout
      title={props.title}
      brand={props.newsletterName}
      footer={
        <>
          {props.note}
          <br />
          <FooterLink href={props.unsubscribeUrl}>Unsubscribe</FooterLink> ·{" "}
          <FooterLink href={props.preferencesUrl}>Preferences</FooterLink>
        </>
      }
    >
      {props.children}
    </EmailLayout>
  );
}

export const confirmation: EmailTemplates["confirmation"] = (p) => {
  const subject = `Please confirm your subscription to ${p.newsletterName}`;
  return renderEmail(
    subject,
    <SubscriptionFrame {...p} title={subject} note="You received this because this address was entered in our newsletter form.">
      <Paragraph>Hello,</Paragraph>
      <Paragraph>
        Someone (hopefully you) asked to receive {p.newsletterName} from {p.siteName} at this address. Please confirm with the button below;
        until you do, we will not send you anything else.
      </Paragraph>
      <Paragraph>Topics chosen: {p.topics}.</Paragraph>
      <Button href={p.confirmUrl}>Yes, subscribe me</Button>
      <Paragraph>
        The link works once and expires in {p.validHours} hours. If you did not sign up, ignore this email and the request will be deleted.
      </Paragraph>
    </SubscriptionFrame>,
  );
};

export const welcome: EmailTemplates["welcome"] = (p) => {
  const subject = `Welcome to ${p.newsletterName}`;
  return renderEmail(
    subject,
    <SubscriptionFrame
      {...p}
      title={subject}
      note={`You're receiving this because you confirmed your subscription to ${p.newsletterName}.`}
    >
      <Paragraph>{p.firstName ? `Hi ${p.firstName},` : "Hi,"}</Paragraph>
      <Paragraph>
        You&apos;re subscribed. Each issue brings practical, evidence-based ideas for living with less back and neck pain, written by the
        clinicians behind {p.siteName}.
      </Paragraph>
      <Paragraph>Your topics: {p.topics}. You can change them on your preferences page.</Paragraph>
      <Paragraph>
        Every email has a one-click unsubscribe link, and from your preferences page you can pause, download or delete your data at any
        time.
      </Paragraph>
      <Button href={`${p.publicUrl}/`}>Read the latest articles</Button>
    </SubscriptionFrame>,
  );
};

export const alreadySubscribed: EmailTemplates["alreadySubscribed"] = (p) => {
  const subject = `You're already subscribed to ${p.newsletterName}`;
  return renderEmail(
    subject,
    <SubscriptionFrame {...p} title={subject} note={`You're receiving this because you are subscribed to ${p.newsletterName}.`}>
      <Paragraph>Hello,</Paragraph>
      <Paragraph>
        Someone just entered this address in our newsletter form, but you&apos;re already on the list, so nothing has changed.
      </Paragraph>
      <Paragraph>If you meant to change your details or pause for a while, your preferences page is one click away.</Paragraph>
      <Button href={p.preferencesUrl}>Manage my subscription</Button>
    </SubscriptionFrame>,
  );
};
