import { verifyPasskeySignIn } from "@/lib/newsroom/passkeys";
import { gate } from "@/lib/security/gate";
import { openSession, passkeyDeps } from "@/wiring/newsroom";

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
  const { cookie } = await openSession(request, req.ip, r.editorId, { method: "passkey", passkey: r.passkeyName });
  const response = Response.json({ ok: true, redirect: "/newsroom" });
  response.headers.append("Set-Cookie", cookie);
  return response;
}
