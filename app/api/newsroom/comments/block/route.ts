import { db } from "@/lib/db";
import { blockWriter } from "@/lib/newsroom/comment-actions";
import { answer, newsroomRequest } from "@/wiring/newsroom";

// POST /api/newsroom/comments/block {id, email?, network?}: the writer's future comments go straight to spam.
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const { id, email, network } = req.body.data;
  const back = "/newsroom/comments";
  if (typeof id !== "string" || !/^[\w-]{1,64}$/.test(id))
    return answer(req, { back, error: "Choose a comment from the list", field: "id" });
  const on = (v: unknown) => v === "on" || v === "1" || v === true;
  const r = await blockWriter({ db: db() }, req.actor, id, { email: on(email), network: on(network) });
  if (!r.ok) return answer(req, { back, error: r.message, status: 400 });
  return answer(req, {
    back,
    notice: `Blocked${r.emailHash ? " the address" : ""}${r.emailHash && r.ipPrefix ? " and" : ""}${r.ipPrefix ? ` the network ${r.ipPrefix}` : ""}: their future comments go to spam`,
  });
}
