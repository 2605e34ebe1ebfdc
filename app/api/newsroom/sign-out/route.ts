import { db } from "@/lib/db";
import { audit } from "@/lib/newsroom/audit";
import { endAllSessions, endSession } from "@/lib/newsroom/sessions";
import { SESSION_COOKIE, clearCookie } from "@/lib/newsroom/tokens";
import { newsroomRequest, secureCookies, seeOther } from "@/wiring/newsroom";

// POST /api/newsroom/sign-out [everywhere=1]: ends this session, or every
// session of this editor ("sign out everywhere").
export async function POST(request: Request) {
  const req = await newsroomRequest(request, "moderator", { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const everywhere = req.body.data.everywhere === "1" || req.body.data.everywhere === true;
  if (everywhere) {
    const ended = await endAllSessions(db(), req.editor.id);
    await audit(db(), req.actor, {
      action: "session.sign-out-everywhere",
      objectType: "editor",
      objectId: req.editor.id,
      after: { ended },
    });
  } else if (req.editor.sessionId) await endSession(db(), req.editor.id, req.editor.sessionId);
  const response = req.body.kind === "form" ? seeOther("/newsroom/sign-in?signed-out=1") : Response.json({ ok: true });
  response.headers.append("Set-Cookie", clearCookie(SESSION_COOKIE, secureCookies()));
  return response;
}
