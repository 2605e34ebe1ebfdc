import { z } from "zod";
import { db } from "@/lib/db";
import { audit } from "@/lib/newsroom/audit";
import { removePasskey } from "@/lib/newsroom/passkeys";
import { answer, newsroomRequest } from "@/wiring/newsroom";

const input = z.object({ id: z.string().regex(/^[\w-]{1,64}$/, "Choose a passkey from the list") });

// POST /api/newsroom/passkeys/remove {id}: removes one of your own passkeys (another editor's id changes nothing).
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const back = "/newsroom/account";
  const parsed = input.safeParse(req.body.data);
  if (!parsed.success) return answer(req, { back, error: parsed.error.issues[0].message, field: "id" });
  const name = await removePasskey(db(), req.editor.id, parsed.data.id);
  if (name === null) return answer(req, { back, error: "That passkey is already gone", status: 404 });
  await audit(db(), req.actor, { action: "passkey.remove", objectType: "passkey", objectId: parsed.data.id, before: { name } });
  return answer(req, { back, notice: `Passkey "${name}" removed` });
}
