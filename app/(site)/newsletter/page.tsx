import { SignupSection } from "@/components/newsletter/signup-section";
import { siteTopics } from "@/wiring/newsletter";

export const metadata = {
  title: "Less Pain, More Life: our free newsletter",
  description:
    "A free email newsletter with practical, reviewed ideas for living with less back and neck pain. Double opt-in, one-click unsubscribe.",
  alternates: { canonical: "/newsletter" },
};

export default function NewsletterPage() {
  return (
    <div className="narrow">
      <SignupSection source="newsletter-page" headingLevel={1} topics={siteTopics()} />
      <h2>What you get</h2>
      <ul>
        <li>One short issue every other week: a movement to try, a myth explained, and what our clinicians are reading.</li>
        <li>No adverts dressed up as advice. Products we recommend are marked when a link is sponsored.</li>
        <li>Your address is used for this newsletter only. Pause, download or delete your data from any issue.</li>
      </ul>
    </div>
  );
}
