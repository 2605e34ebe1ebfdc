import Link from "next/link";

export const metadata = { title: "You're subscribed", robots: { index: false } };

export default function Welcome() {
  return (
    <div className="narrow">
      <h1>Thank you! You're subscribed</h1>
      <p>Your subscription to Less Pain, More Life is confirmed. A welcome email is on its way, and the next issue will follow.</p>
      <p>Every email has a one-click unsubscribe link and a link to your preferences, where you can pause, download or delete your data.</p>
      <p>
        <Link href="/">Read the latest articles</Link>
      </p>
    </div>
  );
}
