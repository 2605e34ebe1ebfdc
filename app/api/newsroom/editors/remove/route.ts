import { db } from "@/lib/db";
import { removeEditor } from "@/lib/newsroom/editors";
import { answer, newsroomRequest } from "@/wiring/newsroom";

// POST /api/newsroom/editors/remove {id}: an admin removes an editor and ends their sessions (audited).
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "admin", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const id = req.body.data.id;
  if (typeof id !== "string" || !/^[\w-]{1,64}$/.test(id))
    return answer(req, { back: "/newsroom/editors", error: "Choose an editor", field: "id" });
  if (id === req.editor.id) return answer(req, { back: "/newsroom/editors", error: "You cannot remove yourself; ask another admin" });
  const r = await removeEditor(db(), req.actor, { id });
  if (!r.ok) return answer(req, { back: "/newsroom/editors", error: r.message, status: 409 });
  return answer(req, { back: "/newsroom/editors", notice: "Editor removed; their sessions have ended" });
}
