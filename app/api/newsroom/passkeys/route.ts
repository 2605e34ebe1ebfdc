import { db } from "@/lib/db";
import { audit } from "@/lib/newsroom/audit";
import { registerPasskey } from "@/lib/newsroom/passkeys";
import { newsroomRequest, passkeyDeps } from "@/wiring/newsroom";

// POST /api/newsroom/passkeys {name, response}: stores the passkey the
// browser made for the signed-in editor (decision 0047). Garbage answers
// 400 naming the field and stores nothing.
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["json"] });
  if (!req.ok) return req.response;
  if (req.editor.local) return Response.json({ error: "Sign in by link to add a passkey" }, { status: 400 });
  const r = await registerPasskey(passkeyDeps(), req.editor.id, req.body.data);
  if (!r.ok) return Response.json({ error: r.message, ...(r.field ? { field: r.field } : {}) }, { status: r.status });
  await audit(db(), req.actor, { action: "passkey.add", objectType: "passkey", objectId: r.passkey.id, after: { name: r.passkey.name } });
  return Response.json({ ok: true, notice: `Passkey "${r.passkey.name}" added` });
}
