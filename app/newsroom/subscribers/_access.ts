// The one place these sections meet the newsroom's sign-in (wiring/newsroom.ts):
// pages ask `editorForPage`, route handlers `editorForRequest` (the gate, the
// session, the role, in that order), and both get the audit function bound
// to the signed-in editor and their network.
import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/newsroom/audit";
import type { Audit } from "@/lib/newsroom/subscribers";
import type { GateOptions, ParsedBody } from "@/lib/security/gate";
import { actorOf, newsroomRequest, pageIp, requireEditor, type NewsroomEditor } from "@/wiring/newsroom";

/** Subscribers and newsletters are for editors and admins; moderators are refused server-side. */
export type SectionRole = "editor";

const auditAs =
  (actor: ReturnType<typeof actorOf>): Audit =>
  (entry) =>
    audit(db(), actor, {
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      after: entry.detail === undefined ? undefined : { detail: entry.detail },
    });

export async function editorForPage(role: SectionRole): Promise<{ editor: NewsroomEditor; audit: Audit }> {
  const editor = await requireEditor(role);
  return { editor, audit: auditAs(actorOf(editor, await pageIp())) };
}

export async function editorForRequest(
  request: Request,
  role: SectionRole,
  opts: GateOptions,
): Promise<{ ok: true; editor: NewsroomEditor; audit: Audit; body: ParsedBody; ip: string } | { ok: false; response: Response }> {
  const req = await newsroomRequest(request, role, opts);
  if (!req.ok) return req;
  return { ok: true, editor: req.editor, audit: auditAs(req.actor), body: req.body, ip: req.ip };
}
