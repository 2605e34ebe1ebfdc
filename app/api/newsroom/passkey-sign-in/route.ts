import { db } from "@/lib/db";
import { audit } from "@/lib/newsroom/audit";
import { verifyPasskeySignIn } from "@/lib/newsroom/passkeys";
import { createSession } from "@/lib/newsroom/sessions";
import { userAgentSummary } from "@/lib/newsroom/tokens";
import { truncatedAddress } from "@/lib/security/client-address";
import { gate } from "@/lib/security/gate";
import { passkeyDeps, sessionCookie, sessionPolicy } from "@/wiring/newsroom";

// POST /api/newsroom/passkey-sign-in {response}: checks the browser's passkey
// answer (decision 0047) and starts the same session an emailed link starts,
// audited the same way.
export async function POST(request: Request) {
  const req = await gate(request, { accept: ["json"] });
  if (!req.ok) return req.response;
  const r = await verifyPasskeySignIn(passkeyDeps(), req.body.data);
  if (!r.ok)
    return Response.json(
      { error: r.message, ...(r.field ? { field: r.field } : {}) },
      { status: r.status, headers: r.retryAfterSeconds ? { "Retry-After": String(r.retryAfterSeconds) } : {} },
    );
  const ipPrefix = truncatedAddress(req.ip);
  const session = await createSession(db(), r.editorId, sessionPolicy(), {
    userAgent: userAgentSummary(request.headers.get("user-agent")),
    ipPrefix,
  });
  const editor = await db().editor.findUnique({ where: { id: r.editorId }, select: { displayName: true } });
  await audit(
    db(),
    { id: r.editorId, name: editor?.displayName ?? "?", ipPrefix },
    { action: "session.sign-in", objectType: "editor", objectId: r.editorId, after: { method: "passkey", passkey: r.passkeyName } },
  );
  const response = Response.json({ ok: true, redirect: "/newsroom" });
  response.headers.append("Set-Cookie", sessionCookie(session.token));
  return response;
}
