import { editorForRequest } from "@/app/newsroom/subscribers/_access";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { importFromConsole, importInput, MAX_IMPORT_BYTES } from "@/lib/newsroom/subscribers";
import type { UploadedFile } from "@/lib/security/gate";

// POST /api/newsroom/subscribers/import — a CSV upload (multipart, capped at
// MAX_IMPORT_BYTES by the gate before anything is parsed), imported by the
// CLI's function. The answer is the CLI's line-numbered report: JSON for the
// page's script, plain text when the form was posted without JavaScript.
export async function POST(request: Request) {
  const req = await editorForRequest(request, "editor", { accept: ["multipart"], maxBytes: MAX_IMPORT_BYTES, parseMultipart: true });
  if (!req.ok) {
    if (req.response.status === 413)
      return Response.json(
        {
          error: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it, or import it on the server with npm run subscribers -- import. Nothing was imported.`,
          field: "file",
        },
        { status: 413 },
      );
    return req.response;
  }
  const who = req;
  const file = req.body.data.file as UploadedFile | undefined;
  if (!file || typeof file !== "object" || !file.text.trim())
    return Response.json({ error: "Choose a CSV file to import (the one given is empty or missing)", field: "file" }, { status: 400 });
  const parsed = importInput.safeParse(req.body.data);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message, field: "state" }, { status: 400 });
  if (parsed.data.state === "confirmed" && parsed.data.attest !== "yes")
    return Response.json(
      {
        error: "Importing as confirmed needs the box ticked: these people opted in elsewhere and agreed to this newsletter",
        field: "attest",
      },
      { status: 400 },
    );
  const e = env();
  const { lines, report } = await importFromConsole(db(), who.audit, file, {
    state: parsed.data.state,
    policy: { rejectDisposable: e.NEWSLETTER_REJECT_DISPOSABLE, rejectRole: e.NEWSLETTER_REJECT_ROLE },
  });
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  const status = report.rejected.length > 0 && report.imported.length === 0 ? 422 : 200;
  if (wantsJson) return Response.json({ lines, imported: report.imported.length, rejected: report.rejected.length }, { status });
  return new Response(lines.join("\n") + "\n", {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
