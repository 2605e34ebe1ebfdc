import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import type { Newsletter } from "@/lib/content/types";
import type { RenderedEmail } from "@/lib/mail/templates";
import { PLACEHOLDERS } from "@/lib/newsletter/placeholders";
import { site } from "@/lib/site";
import { issueBodyComponents } from "./issue-body";
import { EmailLayout, FooterLink, Heading, Paragraph } from "./layout";
import { renderEmail } from "./render";

/** The web copy of an issue ("view in browser"). */
export const archiveUrl = (publicUrl: string, slug: string) => `${publicUrl}/newsletter/archive/${slug}`;

/**
 * A newsletter issue as an email, rendered once per campaign with the
 * per-recipient placeholders (lib/newsletter/placeholders.ts) where the
 * name and personal links go.
 */
export function renderNewsletterIssue(
  issue: Pick<Newsletter, "slug" | "subject" | "preheader" | "body">,
  publicUrl: string,
): Promise<RenderedEmail> {
  const webUrl = archiveUrl(publicUrl, issue.slug);
  return renderEmail(
    issue.subject,
    <EmailLayout
      title={issue.subject}
      brand={site.newsletterName}
      preheader={issue.preheader}
      topRight={<FooterLink href={webUrl}>View in browser</FooterLink>}
      footer={
        <>
          You receive {site.newsletterName} because you subscribed at {site.name} and confirmed by email.
          <br />
          <FooterLink href={PLACEHOLDERS.unsubscribe}>Unsubscribe</FooterLink> ·{" "}
          <FooterLink href={PLACEHOLDERS.preferences}>Preferences</FooterLink> · <FooterLink href={`${publicUrl}/`}>{site.name}</FooterLink>
        </>
      }
    >
      <Heading>{issue.subject}</Heading>
      <Paragraph>{`Hi ${PLACEHOLDERS.firstName},`}</Paragraph>
      {createElement(getMDXComponent(issue.body.code), { components: issueBodyComponents(publicUrl) })}
    </EmailLayout>,
  );
}
