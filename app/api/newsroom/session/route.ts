import { db } from "@/lib/db";
import { redeemSignInLink } from "@/lib/newsroom/sign-in";
import { SIGN_IN_NONCE_COOKIE, clearCookie, cookieValue } from "@/lib/newsroom/tokens";
import { gate } from "@/lib/security/gate";
import { openSession, secureCookies, seeOther } from "@/wiring/newsroom";

// POST /api/newsroom/session {token, confirm?}: uses an emailed sign-in link
// (once, within 15 minutes, in the browser that asked unless the person
// confirmed this one) and starts a session.
export async function POST(request: Request) {
  const req = await gate(request, { accept: ["form"] });
  if (!req.ok) return req.response;
  const token = req.body.data.token;
  const r = await redeemSignInLink(db(), {
    token,
    browserNonce: cookieValue(request.headers.get("cookie"), SIGN_IN_NONCE_COOKIE),
    confirmOtherBrowser: req.body.data.confirm === "other-browser",
  });
  if (!r.ok) {
    if (r.reason === "other-browser") return seeOther(`/newsroom/sign-in/link?token=${encodeURIComponent(String(token))}`);
    return seeOther(`/newsroom/sign-in?error=${r.reason}`);
  }
  const { cookie } = await openSession(request, req.ip, r.editorId, { method: "link" });
  const response = seeOther("/newsroom");
  response.headers.append("Set-Cookie", cookie);
  response.headers.append("Set-Cookie", clearCookie(SIGN_IN_NONCE_COOKIE, secureCookies()));
  return response;
}
