import { captchaWidget } from "@/lib/captcha/widget";
import { env } from "@/lib/env";
import { CONSENT_TEXT } from "@/lib/newsletter/consent";
import { SignupForm } from "./signup-form";

/** The newsletter invitation placed on the home page, article pages and /newsletter. */
export function SignupSection({ source, headingLevel = 2 }: { source: string; headingLevel?: 1 | 2 }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section id="newsletter" className="newsletter-signup" aria-labelledby="newsletter-heading">
      <Heading id="newsletter-heading">Sign up for Less Pain, More Life</Heading>
      <p>Our free email newsletter: one practical idea for a stronger, calmer back every other week. No spam, one-click unsubscribe.</p>
      <SignupForm source={source} captcha={captchaWidget(env())} consentText={CONSENT_TEXT} />
    </section>
  );
}
