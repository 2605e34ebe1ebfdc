import { z } from "zod";
import { editorForRequest } from "@/app/newsroom/subscribers/_access";
import { db } from "@/lib/db";
import { exportSubscribersCsv } from "@/lib/newsroom/subscribers";

// POST /api/newsroom/subscribers/export — the CSV of `npm run subscribers -- export`,
// streamed in batches. A POST (not a link) so that every export passes the
// gate's origin check and lands in the audit log.
const input = z.object({ status: z.enum(["", "pending", "confirmed"], { message: "Choose everyone, confirmed or pending" }).default("") });

export async function POST(request: Request) {
  const who = await editorForRequest(request, "editor", { accept: ["form", "json"] });
  if (!who.ok) return who.response;
  const req = who;
  const parsed = input.safeParse(req.body.data);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message, field: "status" }, { status: 400 });
  const status = parsed.data.status || undefined;
  await who.audit({ action: "subscribers.export", objectType: "subscribers", objectId: status ?? "all" });
  const chunks = exportSubscribersCsv(db(), status ? { status } : {});
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="subscribers-${status ?? "all"}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
