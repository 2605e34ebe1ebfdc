import { signingKeys } from "@/lib/security/keys";
import Link from "next/link";
import { readManageToken } from "@/lib/newsletter/tokens";

// The visible "Unsubscribe" link of every email. Opening it changes nothing
// (link scanners prefetch pages); the button does.
export const metadata = { title: "Unsubscribe", robots: { index: false }, referrer: "same-origin" as const };

type Props = { searchParams: Promise<{ token?: string }> };

export default async function Unsubscribe({ searchParams }: Props) {
  const { token = "" } = await searchParams;
  if (!readManageToken(signingKeys(), token))
    return (
      <div className="narrow">
        <h1>This unsubscribe link is not valid</h1>
        <p role="alert">
          It may have been cut short by your email program. Use the link in a newer email, or reply to any issue and we will remove you by
          hand.
        </p>
      </div>
    );
  return (
    <div className="narrow">
      <h1>Unsubscribe from Less Pain, More Life?</h1>
      <p>
        You will stop receiving the newsletter straight away. We keep only a scrambled fingerprint of your address so it is never mailed by
        mistake again.
      </p>
      <form method="post" action={`/api/newsletter/unsubscribe?token=${encodeURIComponent(token)}`}>
        <input type="hidden" name="from" value="page" />
        <button className="button" type="submit">
          Unsubscribe
        </button>
      </form>
      <p>
        Want fewer emails instead?{" "}
        <Link href={`/newsletter/preferences?token=${encodeURIComponent(token)}`}>Pause or change your preferences</Link>.
      </p>
    </div>
  );
}
