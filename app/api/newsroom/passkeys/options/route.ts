import { db } from "@/lib/db";
import { registrationOptions } from "@/lib/newsroom/passkeys";
import { newsroomRequest, passkeyDeps } from "@/wiring/newsroom";

// POST /api/newsroom/passkeys/options {}: registration options for the
// signed-in editor's browser (decision 0047); the challenge is stored,
// single use, for a few minutes.
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["json"] });
  if (!req.ok) return req.response;
  if (req.editor.local)
    return Response.json({ error: "Local mode signs you in without an account: sign in by link to add a passkey" }, { status: 400 });
  const editor = await db().editor.findUnique({ where: { id: req.editor.id }, select: { id: true, displayName: true } });
  if (!editor) return Response.json({ error: "Sign in to the newsroom first" }, { status: 401 });
  return Response.json(await registrationOptions(passkeyDeps(), editor));
}
