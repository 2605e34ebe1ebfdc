import { db } from "@/lib/db";
import { unblockNetworkRange } from "@/lib/newsroom/comment-actions";
import { answer, newsroomRequest } from "@/wiring/newsroom";

// POST /api/newsroom/comments/unblock-range {id}: lifts a range block (comments already in spam stay there).
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const back = "/newsroom/comments";
  const { id } = req.body.data;
  if (typeof id !== "string" || !/^[\w-]{1,64}$/.test(id)) return answer(req, { back, error: "Choose a range from the list", field: "id" });
  const network = await unblockNetworkRange({ db: db() }, req.actor, id);
  if (!network) return answer(req, { back, error: "That range is not blocked (already lifted?)", status: 404 });
  return answer(req, { back, notice: "Range unblocked" });
}
