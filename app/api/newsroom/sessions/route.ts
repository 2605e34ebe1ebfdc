import { z } from "zod";
import { db } from "@/lib/db";
import { audit } from "@/lib/newsroom/audit";
import { endSession } from "@/lib/newsroom/sessions";
import { answer, newsroomRequest } from "@/wiring/newsroom";

const input = z.object({ id: z.string().regex(/^[\w-]{1,64}$/, "Choose a session from the list") });

// POST /api/newsroom/sessions {id}: ends one of your own sessions (another editor's id changes nothing).
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const parsed = input.safeParse(req.body.data);
  if (!parsed.success) return answer(req, { back: "/newsroom/account", error: parsed.error.issues[0].message, field: "id" });
  const ended = await endSession(db(), req.editor.id, parsed.data.id);
  if (!ended) return answer(req, { back: "/newsroom/account", error: "That session has already ended", status: 404 });
  await audit(db(), req.actor, { action: "session.end", objectType: "session", objectId: parsed.data.id });
  return answer(req, { back: "/newsroom/account", notice: "Session ended" });
}
