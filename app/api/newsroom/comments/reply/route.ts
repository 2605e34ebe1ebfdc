import { revalidatePath } from "next/cache";
import { replyAsStaff } from "@/lib/newsroom/comment-actions";
import { badgeLabel } from "@/lib/newsroom/roles";
import { editorDeps } from "@/wiring/comments";
import { answer, newsroomRequest } from "@/wiring/newsroom";

// POST /api/newsroom/comments/reply {parentId, body}: a reply as the publication,
// published at once under the editor's name, credentials and badge.
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const { parentId, body } = req.body.data;
  const back = "/newsroom/comments";
  if (typeof parentId !== "string" || !/^[\w-]{1,64}$/.test(parentId))
    return answer(req, { back, error: "Choose a comment to reply to", field: "parentId" });
  if (typeof body !== "string") return answer(req, { back, error: "Write a reply first", field: "body" });
  const e = req.editor;
  const r = await replyAsStaff(
    editorDeps(async (slug) => revalidatePath(`/articles/${slug}`)),
    req.actor,
    parentId,
    body,
    { id: e.id, displayName: e.displayName, credentials: e.credentials, badgeLabel: badgeLabel(e.badge) },
  );
  if (!r.ok) return answer(req, { back, error: r.message, field: r.field, status: r.field ? 400 : 409 });
  return answer(req, { back, notice: `Reply published on /articles/${r.articleSlug}`, json: { id: r.id } });
}
