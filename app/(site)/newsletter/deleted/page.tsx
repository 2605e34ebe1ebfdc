import Link from "next/link";

export const metadata = { title: "Your data is deleted", robots: { index: false } };

export default function Deleted() {
  return (
    <div className="narrow">
      <h1>Your data is deleted</h1>
      <p>
        Your name, address and consent record are gone. Only a scrambled fingerprint of your address remains, so that it is never mailed by
        mistake (for example if an old list were imported again).
      </p>
      <p>
        <Link href="/">Back to the articles</Link>
      </p>
    </div>
  );
}
