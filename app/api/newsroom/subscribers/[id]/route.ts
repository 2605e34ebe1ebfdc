import { z } from "zod";
import { editorForRequest } from "@/app/newsroom/subscribers/_access";
import { db } from "@/lib/db";
import { removeSubscriber, subscriberId } from "@/lib/newsroom/subscribers";
import { seeOther } from "@/wiring/newsroom";

// POST /api/newsroom/subscribers/<id> — delete or erase (the record page's form).
const input = z.object({
  action: z.enum(["delete", "erase"], { message: "Choose delete or erase" }),
  confirm: z.literal("yes", { message: "Tick the box to confirm" }),
});

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const who = await editorForRequest(request, "editor", { accept: ["form", "json"] });
  if (!who.ok) return who.response;
  const req = who;
  const id = subscriberId.safeParse((await params).id);
  if (!id.success) return Response.json({ error: "Not a subscriber id", field: "id" }, { status: 400 });
  const parsed = input.safeParse(req.body.data);
  const json = req.body.kind === "json";
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (json) return Response.json({ error: issue?.message, field: String(issue?.path[0] ?? "") }, { status: 400 });
    return seeOther(`/newsroom/subscribers/${id.data}?error=confirm`);
  }
  const r = await removeSubscriber(db(), who.audit, id.data, parsed.data.action);
  if (!r.ok) {
    // A second click, or another editor got there first: said plainly, nothing changes.
    if (json) return Response.json({ error: r.message }, { status: 404 });
    return seeOther(`/newsroom/subscribers?done=gone`);
  }
  if (json) return Response.json({ ok: true });
  return seeOther(`/newsroom/subscribers?done=${parsed.data.action === "erase" ? "erased" : "deleted"}`);
}
