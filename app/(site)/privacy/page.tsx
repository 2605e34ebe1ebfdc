import Link from "next/link";
import { CONSENT_TEXT, CONSENT_VERSION } from "@/lib/newsletter/consent";
import { site } from "@/lib/site";

export const metadata = {
  title: "Privacy notice",
  description: `How ${site.name} handles the email addresses of commenters and newsletter subscribers.`,
  alternates: { canonical: "/privacy" },
};

export default function Privacy() {
  return (
    <div className="narrow prose">
      <h1>Privacy notice</h1>
      <p>
        {site.name} is published by {site.publisher}. Reading the site needs no account and sets no tracking cookies.
      </p>
      <h2>Comments</h2>
      <p>
        When you comment we store your name, optional website, your comment and your email address. The address is never shown on the site;
        we use it to recognise returning commenters and, if you ask, to tell you about replies.
      </p>
      <h2>The newsletter</h2>
      <p>
        When you subscribe we store your address, optional first name, and a consent record: the time, a shortened form of your IP address,
        the page you signed up on, and the version of the words you agreed to. The current words (version {CONSENT_VERSION}) are:
      </p>
      <blockquote>{CONSENT_TEXT}</blockquote>
      <p>
        Nothing is sent until you click the link in our confirmation email. Every issue has a one-click unsubscribe link and a link to your
        preferences, where you can pause, download your data or delete it.
      </p>
      <p>
        When you unsubscribe or delete your data, we keep only a one-way fingerprint (a SHA-256 hash) of your address, so that it is never
        mailed by mistake again, for example if an old list were imported.
      </p>
      <h2>Verification</h2>
      <p>
        Our forms use a verification service to keep out spam robots. It receives your IP address and the answer to the check, nothing you
        type.
      </p>
      <p>
        <Link href="/newsletter">Back to the newsletter</Link>
      </p>
    </div>
  );
}
