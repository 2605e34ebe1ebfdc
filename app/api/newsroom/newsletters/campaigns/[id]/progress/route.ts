import { editorForRequest } from "@/app/newsroom/newsletters/_access";
import { db } from "@/lib/db";
import { campaignId, campaignProgress } from "@/lib/newsroom/newsletters";

// GET /api/newsroom/newsletters/campaigns/<id>/progress — what the live view polls.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const who = await editorForRequest(request, "editor", { accept: [], sameOrigin: false });
  if (!who.ok) return who.response;
  const id = campaignId.safeParse((await params).id);
  const p = id.success ? await campaignProgress(db(), id.data) : undefined;
  if (!p) return Response.json({ error: "No such campaign", field: "id" }, { status: 404 });
  return Response.json(p, { headers: { "cache-control": "no-store" } });
}
