import Link from "next/link";
import { signupOutcomeMessage } from "@/lib/newsletter/outcome";

// Where a signup posted without JavaScript lands. It shows fixed messages
// chosen by a result code, never text taken from the URL.
export const metadata = { title: "Newsletter signup", robots: { index: false } };

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
  const message = signupOutcomeMessage(result, fields?.split(","));
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
