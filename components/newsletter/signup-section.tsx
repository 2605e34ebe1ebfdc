import { captchaWidget } from "@/lib/captcha/widget";
import { env } from "@/lib/env";
import { CONSENT_TEXT } from "@/lib/newsletter/consent";
import type { Topic } from "@/lib/newsletter/topics";
import { SignupForm } from "./signup-form";
import { TopicsFieldset } from "./topics-fieldset";

/** The newsletter invitation placed on the home page, article pages and /newsletter. */
/** `topics`: offer the topic choice (the /newsletter page); elsewhere a signup takes everything and can choose later. */
export function SignupSection({ source, headingLevel = 2, topics }: { source: string; headingLevel?: 1 | 2; topics?: readonly Topic[] }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section id="newsletter" className="newsletter-signup" aria-labelledby="newsletter-heading">
      <Heading id="newsletter-heading">Sign up for Less Pain, More Life</Heading>
      <p>Our free email newsletter: one practical idea for a stronger, calmer back every other week. No spam, one-click unsubscribe.</p>
      <SignupForm
        source={source}
        captcha={captchaWidget(env())}
        consentText={CONSENT_TEXT}
        topics={topics ? <TopicsFieldset topics={topics} idPrefix={`signup-${source}`} /> : undefined}
      />
    </section>
  );
}
