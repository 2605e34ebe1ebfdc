import { cookies } from "next/headers";
import Link from "next/link";
import { BROWSER_COOKIE, browserIdFrom, readConfirmBrowserToken } from "@/lib/comments/identity";
import { signingKeys } from "@/lib/security/keys";

// The "it was me" link a returning commenter gets when they comment from a
// browser not yet tied to their address (decision 0014). Opening it changes
// nothing (mail scanners open links); the button does, and only in the
// browser that posted the comment.
export const dynamic = "force-dynamic";
export const metadata = { title: "Confirm this browser", robots: { index: false } };

type Props = { searchParams: Promise<{ token?: string; done?: string }> };

export default async function ConfirmBrowser({ searchParams }: Props) {
  const { token = "", done } = await searchParams;
  if (done !== undefined)
    return (
      <>
        <h1>This browser is confirmed</h1>
        <p>
          {done === "0"
            ? "Your next comments from this browser appear at once."
            : `Your comment${done === "1" ? " is" : "s are"} now published, and your next ones from this browser appear at once.`}
        </p>
        <p>
          <Link href="/">Back to the home page</Link>
        </p>
      </>
    );
  const jar = await cookies();
  const cookie = jar.get(BROWSER_COOKIE);
  const check = readConfirmBrowserToken(
    signingKeys(),
    token,
    browserIdFrom(cookie ? `${BROWSER_COOKIE}=${cookie.value}` : null, signingKeys()),
  );
  if (!check.ok)
    return (
      <>
        <h1>{check.reason === "other-browser" ? "Open this link in the browser you commented from" : "This link does not work"}</h1>
        <p role="alert">
          {check.reason === "other-browser"
            ? "The link only confirms the browser that posted the comment. Open it there (copy it from the email), or wait for an editor to approve your comment."
            : check.reason === "expired"
              ? "The link has expired. Your comment waits for an editor; nothing else changed."
              : "It may have been changed or cut short. Nothing was changed."}
        </p>
        <p>
          <Link href="/">Back to the home page</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>Confirm this browser</h1>
      <p>Your comment was posted from this browser with your email address. Confirm it was you, and it appears at once.</p>
      <form method="post" action="/api/comments/confirm-browser">
        <input type="hidden" name="token" value={token} />
        <button className="button" type="submit">
          It was me: publish my comment
        </button>
      </form>
    </>
  );
}
