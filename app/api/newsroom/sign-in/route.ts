import { requestSignIn } from "@/lib/newsroom/sign-in";
import { SIGN_IN_NONCE_COOKIE, cookie, cookieValue, isWellFormedSecret, newSecret } from "@/lib/newsroom/tokens";
import { truncatedAddress } from "@/lib/security/client-address";
import { gate } from "@/lib/security/gate";
import { secureCookies, seeOther, signInDeps } from "@/wiring/newsroom";

// POST /api/newsroom/sign-in {email}: emails a sign-in link to a known
// editor; every address gets the same answer (decision 0040). The browser
// that asks gets a nonce cookie the link is bound to.
export async function POST(request: Request) {
  const req = await gate(request, { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const existing = cookieValue(request.headers.get("cookie"), SIGN_IN_NONCE_COOKIE);
  const nonce = isWellFormedSecret(existing) ? existing : newSecret();
  const result = await requestSignIn(await signInDeps(), {
    email: req.body.data.email,
    browserNonce: nonce,
    ip: req.ip,
    ipPrefix: truncatedAddress(req.ip),
  });
  const nonceCookie = cookie(SIGN_IN_NONCE_COOKIE, nonce, { maxAgeSeconds: 3_600, secure: secureCookies() });
  const form = req.body.kind === "form";
  let response: Response;
  switch (result.kind) {
    case "sent":
      response = form
        ? seeOther("/newsroom/sign-in?sent=1")
        : Response.json({ ok: true, message: "If that address belongs to an editor, a sign-in link is on its way." });
      break;
    case "invalid":
      response = form
        ? seeOther("/newsroom/sign-in?error=email")
        : Response.json({ error: result.message, field: "email" }, { status: 400 });
      break;
    case "rate-limited":
      response = form
        ? seeOther(`/newsroom/sign-in?error=rate&wait=${result.retryAfterSeconds}`, { "Retry-After": String(result.retryAfterSeconds) })
        : Response.json(
            { error: `Too many sign-in requests. Please wait ${result.retryAfterSeconds} seconds.` },
            { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
          );
  }
  response.headers.append("Set-Cookie", nonceCookie);
  return response;
}
