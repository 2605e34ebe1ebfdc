import { db } from "@/lib/db";
import { audit } from "@/lib/newsroom/audit";
import { createSession } from "@/lib/newsroom/sessions";
import { redeemSignInLink } from "@/lib/newsroom/sign-in";
import { SIGN_IN_NONCE_COOKIE, clearCookie, cookieValue, userAgentSummary } from "@/lib/newsroom/tokens";
import { truncatedAddress } from "@/lib/security/client-address";
import { gate } from "@/lib/security/gate";
import { secureCookies, seeOther, sessionCookie, sessionPolicy } from "@/wiring/newsroom";

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
  const ipPrefix = truncatedAddress(req.ip);
  const session = await createSession(db(), r.editorId, sessionPolicy(), {
    userAgent: userAgentSummary(request.headers.get("user-agent")),
    ipPrefix,
  });
  const editor = await db().editor.findUnique({ where: { id: r.editorId }, select: { displayName: true } });
  await audit(
    db(),
    { id: r.editorId, name: editor?.displayName ?? "?", ipPrefix },
    { action: "session.sign-in", objectType: "editor", objectId: r.editorId },
  );
  const response = seeOther("/newsroom");
  response.headers.append("Set-Cookie", sessionCookie(session.token));
  response.headers.append("Set-Cookie", clearCookie(SIGN_IN_NONCE_COOKIE, secureCookies()));
  return response;
}
