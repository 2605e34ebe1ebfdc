import { db } from "@/lib/db";
import { addEditor } from "@/lib/newsroom/editors";
import { answer, newsroomRequest } from "@/wiring/newsroom";

// POST /api/newsroom/editors {email, role, displayName?, credentials?, badge?}: an admin adds an editor (audited).
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "admin", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const d = req.body.data;
  const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
  const r = await addEditor(db(), req.actor, {
    email: d.email,
    role: d.role,
    displayName: blankToUndefined(d.displayName),
    credentials: blankToUndefined(d.credentials),
    badge: blankToUndefined(d.badge),
  });
  if (!r.ok) {
    const [field, message] = Object.entries(r.errors)[0];
    return answer(req, { back: "/newsroom/editors", error: `${field}: ${message}`, field });
  }
  return answer(req, { back: "/newsroom/editors", notice: `Added ${r.editor.displayName} as ${r.editor.role}`, json: { id: r.editor.id } });
}
