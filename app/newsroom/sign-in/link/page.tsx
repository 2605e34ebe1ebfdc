import { cookies } from "next/headers";
import Link from "next/link";
import { db } from "@/lib/db";
import { checkSignInLink } from "@/lib/newsroom/sign-in";
import { SIGN_IN_NONCE_COOKIE } from "@/lib/newsroom/tokens";

// The page an emailed sign-in link opens. Opening it changes nothing (mail
// scanners fetch links): signing in is the button's POST. In another
// browser than the one that asked, the page says so and asks to confirm.
export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PROBLEMS = {
  invalid: "This sign-in link is not valid.",
  used: "This sign-in link has already been used: each link works once.",
  expired: "This sign-in link has expired.",
};

export default async function SignInLink({ searchParams }: Props) {
  const token = (await searchParams).token;
  const check = await checkSignInLink(db(), token, (await cookies()).get(SIGN_IN_NONCE_COOKIE)?.value);
  if (!check.ok)
    return (
      <div className="newsroom-narrow">
        <h1>Sign in to the newsroom</h1>
        <p className="newsroom-error" role="alert">
          {PROBLEMS[check.reason]}
        </p>
        <p>
          <Link href="/newsroom/sign-in">Ask for a new link</Link>
        </p>
      </div>
    );
  return (
    <div className="newsroom-narrow">
      <h1>Sign in to the newsroom</h1>
      <form method="post" action="/api/newsroom/session" className="newsroom-form">
        <input type="hidden" name="token" value={String(token)} />
        {check.sameBrowser ? (
          <p>Welcome back, {check.editorName}.</p>
        ) : (
          <>
            <p className="newsroom-error" role="alert">
              This link was asked for in another browser.
            </p>
            <p>
              Sign in here only if you are {check.editorName} and you want this browser signed in. If you did not ask for a link, close this
              page.
            </p>
            <input type="hidden" name="confirm" value="other-browser" />
          </>
        )}
        <button type="submit">{check.sameBrowser ? "Sign in" : "Yes, sign in on this browser"}</button>
      </form>
    </div>
  );
}
