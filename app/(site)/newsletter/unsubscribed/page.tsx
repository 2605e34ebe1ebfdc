import Link from "next/link";

export const metadata = { title: "Unsubscribed", robots: { index: false } };

export default function Unsubscribed() {
  return (
    <div className="narrow">
      <h1>You're unsubscribed</h1>
      <p>
        You will not receive Less Pain, More Life again. If this was a mistake, you can <Link href="/newsletter">subscribe again</Link> at
        any time (we will ask you to confirm).
      </p>
    </div>
  );
}
