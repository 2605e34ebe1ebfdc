import { revalidatePath } from "next/cache";
import { isQueueAction, QUEUE_ACTIONS } from "@/lib/comments/moderation";
import { applyQueueAction } from "@/lib/newsroom/comment-actions";
import { editorDeps } from "@/wiring/comments";
import { answer, newsroomRequest } from "@/wiring/newsroom";

const ID = /^[\w-]{1,64}$/;
const MAX_SELECTION = 100;

// POST /api/newsroom/comments: approve, spam, delete or restore comments.
//   one:   single=<action>:<id>               (each comment's own buttons, and the keyboard shortcuts)
//   bulk:  action=<action> and c:<id>=on…     (the checkboxes of a selection)
// Same rules as `npm run comments` (lib/comments/editor.ts); each change is audited.
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const data = req.body.data;
  let action: unknown;
  let ids: string[];
  if (typeof data.single === "string") {
    const [a, id] = data.single.split(":");
    action = a;
    ids = id ? [id] : [];
  } else {
    action = data.action;
    ids = Array.isArray(data.ids) ? data.ids.map(String) : Object.keys(data).flatMap((k) => (k.startsWith("c:") ? [k.slice(2)] : []));
  }
  const back = "/newsroom/comments";
  if (!isQueueAction(action))
    return answer(req, { back, error: `Choose an action: ${Object.keys(QUEUE_ACTIONS).join(", ")}`, field: "action" });
  if (ids.length === 0) return answer(req, { back, error: "Select at least one comment", field: "ids" });
  if (ids.length > MAX_SELECTION || !ids.every((id) => ID.test(id)))
    return answer(req, { back, error: `Select at most ${MAX_SELECTION} comments from the list`, field: "ids" });
  const r = await applyQueueAction(
    editorDeps(async (slug) => revalidatePath(`/articles/${slug}`)),
    req.actor,
    ids,
    action,
  );
  if (r.missing.length === ids.length) return answer(req, { back, error: "That comment no longer exists", status: 404 });
  const verb = { approve: "Approved", spam: "Marked as spam", delete: "Deleted", restore: "Restored to pending" }[action];
  const notice = `${verb}: ${r.changed} comment${r.changed === 1 ? "" : "s"}${r.missing.length ? ` (${r.missing.length} no longer exist)` : ""}`;
  return answer(req, { back, notice, json: { changed: r.changed, missing: r.missing } });
}
