import { redirect } from "next/navigation";
import { PasskeySignIn } from "@/components/newsroom/passkeys";
import { SIGN_IN_LINK_MINUTES } from "@/lib/newsroom/sign-in";
import { currentEditor } from "@/wiring/newsroom";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  email: "Enter your email address.",
  rate: "Too many sign-in requests from here or for this address. Please wait a while and try again.",
  invalid: "That sign-in link is not valid. Ask for a new one below.",
  used: "That sign-in link has already been used. Ask for a new one below.",
  expired: `That sign-in link has expired (links last ${SIGN_IN_LINK_MINUTES} minutes). Ask for a new one below.`,
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignIn({ searchParams }: Props) {
  if (await currentEditor()) redirect("/newsroom");
  const q = await searchParams;
  const error = typeof q.error === "string" ? ERRORS[q.error] : undefined;
  return (
    <div className="newsroom-narrow">
      <h1>Sign in to the newsroom</h1>
      {q["signed-out"] ? (
        <p className="newsroom-notice" role="status">
          You are signed out.
        </p>
      ) : null}
      {q.sent ? (
        <p className="newsroom-notice" role="status">
          If that address belongs to an editor, a sign-in link is on its way. Open it in this browser within {SIGN_IN_LINK_MINUTES} minutes.
        </p>
      ) : null}
      {error ? (
        <p className="newsroom-error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/api/newsroom/sign-in" className="newsroom-form">
        <label htmlFor="email">Your email address</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <button type="submit">Email me a sign-in link</button>
      </form>
      <PasskeySignIn />
      <p className="meta">Editors are added by the site&apos;s admins; there is no registration.</p>
    </div>
  );
}
