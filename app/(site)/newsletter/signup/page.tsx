import Link from "next/link";

// Where a signup posted without JavaScript lands. It shows fixed messages
// chosen by a result code, never text taken from the URL.
export const metadata = { title: "Newsletter signup", robots: { index: false } };

const FIELD_NAMES: Record<string, string> = { email: "Email", firstName: "First name", source: "Signup location" };
const MESSAGES: Record<string, string> = {
  captcha: "The verification did not pass. Please go back, check the box and try again.",
  "rate-limited": "Too many signups from your network just now. Please wait a few minutes and try again.",
  "mail-failed": "We could not send the confirmation email just now. Please try again in a few minutes.",
};

type Props = { searchParams: Promise<{ result?: string; fields?: string }> };

export default async function SignupResult({ searchParams }: Props) {
  const { result, fields } = await searchParams;
  if (result === "accepted")
    return (
      <div className="narrow">
        <h1>Almost done: check your inbox</h1>
        <p>We sent you an email with a link to confirm your subscription. Nothing will be sent to you until you click it.</p>
        <p>
          <Link href="/">Back to the articles</Link>
        </p>
      </div>
    );
  const named = (fields ?? "").split(",").map((f) => FIELD_NAMES[f]).filter(Boolean);
  const message =
    result === "invalid" ? `Please check these fields: ${named.length ? named.join(", ") : "Email"}.` : (MESSAGES[result ?? ""] ?? "Your signup did not go through. Please try again.");
  return (
    <div className="narrow">
      <h1>You are not subscribed yet</h1>
      <p role="alert">{message}</p>
      <p>
        <Link href="/newsletter">Back to the signup form</Link>
      </p>
    </div>
  );
}
