import { revalidatePath } from "next/cache";
import { editComment } from "@/lib/newsroom/comment-actions";
import { editorDeps } from "@/wiring/comments";
import { answer, newsroomRequest } from "@/wiring/newsroom";

// POST /api/newsroom/comments/edit {id, body}: corrects a comment's text; the original stays in the audit log.
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const { id, body } = req.body.data;
  const back = "/newsroom/comments";
  if (typeof id !== "string" || !/^[\w-]{1,64}$/.test(id))
    return answer(req, { back, error: "Choose a comment from the list", field: "id" });
  if (typeof body !== "string") return answer(req, { back, error: "Write the corrected text", field: "body" });
  const r = await editComment(
    editorDeps(async (slug) => revalidatePath(`/articles/${slug}`)),
    req.actor,
    id,
    body,
  );
  if (!r.ok) return answer(req, { back, error: r.message, field: r.field, status: r.field ? 400 : 404 });
  return answer(req, { back, notice: "Comment text saved; the original is in the audit log" });
}
