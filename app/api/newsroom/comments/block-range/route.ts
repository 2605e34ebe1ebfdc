import { db } from "@/lib/db";
import { blockNetworkRange } from "@/lib/newsroom/comment-actions";
import { answer, newsroomRequest } from "@/wiring/newsroom";

// POST /api/newsroom/comments/block-range {range, reason?}: comments from any
// address in the range (CIDR, IPv4 or IPv6, /8 or /32 at the widest) go to spam.
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const back = "/newsroom/comments";
  const { range, reason } = req.body.data;
  if (reason !== undefined && (typeof reason !== "string" || reason.length > 200))
    return answer(req, { back, error: "A reason has at most 200 characters", field: "reason" });
  const r = await blockNetworkRange({ db: db() }, req.actor, { range, reason: reason as string | undefined });
  if (!r.ok) return answer(req, { back, error: r.message, field: "range" });
  return answer(req, { back, notice: "Range blocked: comments from it go to spam", json: { id: r.id, network: r.network } });
}
