import { cookies, draftMode } from "next/headers";
import { env } from "@/lib/env";
import { PREVIEW_COOKIE, previewPath, verifyPreview } from "@/lib/preview";
import { gate } from "@/lib/security/gate";

// Opens a preview link (decision 0019): a signed token naming one unpublished
// article or newsletter issue. Valid → Next's draft mode on, the token in a
// cookie scoped to that page's path, and a redirect there. Anything else → 403
// and nothing stored. A link arrives from email or chat, so no Origin check;
// the gate still applies its per-IP flood ceiling.
export async function GET(request: Request) {
  const req = await gate(request, { accept: [], sameOrigin: false });
  if (!req.ok) return req.response;
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const e = env();
  const check = verifyPreview(e.SECRET_KEY, token);
  if (!check.ok) {
    const why =
      check.reason === "expired" ? "This preview link has expired" : "This preview link is not valid (or the site's key has changed)";
    return Response.json(
      { error: `${why}; ask for a new one.`, field: "token" },
      { status: 403, headers: { "Cache-Control": "private, no-store" } },
    );
  }
  const path = previewPath(check.subject);
  (await draftMode()).enable();
  (await cookies()).set(PREVIEW_COOKIE, token, {
    path,
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(e.PUBLIC_URL).protocol === "https:",
    expires: check.expiresAt,
  });
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "private, no-store" } });
}
