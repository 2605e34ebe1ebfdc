import { editorForRequest } from "@/app/newsroom/newsletters/_access";
import { db } from "@/lib/db";
import { campaignId, commandFromConsole, commandInput } from "@/lib/newsroom/newsletters";
import { seeOther } from "@/wiring/newsroom";

// POST /api/newsroom/newsletters/campaigns/<id> — pause, resume or cancel,
// through the CLI's guarded state transition (a double click finds the
// campaign already in the new state and changes nothing).
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const who = await editorForRequest(request, "editor", { accept: ["form", "json"] });
  if (!who.ok) return who.response;
  const req = who;
  const id = campaignId.safeParse((await params).id);
  if (!id.success) return Response.json({ error: "Not a campaign id", field: "id" }, { status: 400 });
  const parsed = commandInput.safeParse(req.body.data);
  const json = req.body.kind === "json";
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message, field: "command" }, { status: 400 });
  const exists = await db().campaign.findUnique({ where: { id: id.data }, select: { id: true } });
  if (!exists) return Response.json({ error: "No such campaign", field: "id" }, { status: 404 });
  const r = await commandFromConsole(db(), who.audit, id.data, parsed.data.command, who.editor.displayName);
  if (!r.ok) {
    if (json) return Response.json({ error: r.message }, { status: 409 });
    return seeOther(`/newsroom/newsletters/campaigns/${id.data}?error=state`);
  }
  if (json) return Response.json({ ok: true, status: r.status });
  return seeOther(`/newsroom/newsletters/campaigns/${id.data}?done=${parsed.data.command}`);
}
