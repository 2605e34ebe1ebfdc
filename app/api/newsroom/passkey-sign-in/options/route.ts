import { signInOptions } from "@/lib/newsroom/passkeys";
import { gate } from "@/lib/security/gate";
import { limitPasskeySignInByIp, passkeyDeps } from "@/wiring/newsroom";

// POST /api/newsroom/passkey-sign-in/options {}: a sign-in challenge (single
// use, a few minutes) for "Sign in with a passkey"; counted per network like
// emailed links (decision 0047).
export async function POST(request: Request) {
  const req = await gate(request, { accept: ["json"] });
  if (!req.ok) return req.response;
  const limited = await limitPasskeySignInByIp(req.ip);
  if (!limited.ok)
    return Response.json(
      { error: `Too many sign-in attempts from your network. Please wait ${limited.retryAfterSeconds} seconds.` },
      { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds) } },
    );
  return Response.json(await signInOptions(passkeyDeps()));
}
