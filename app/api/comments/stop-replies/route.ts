import { stopReplyNotifications } from "@/lib/comments/editor";
import { STOP_REPLIES_PURPOSE } from "@/lib/comments/notify";
import { db } from "@/lib/db";
import { NO_SCRIPT_POLICY } from "@/lib/http/csp.mjs";
import { escapeHtml } from "@/lib/text/html";
import { gate } from "@/lib/security/gate";
import { signingKeys } from "@/lib/security/keys";
import { verifyToken } from "@/lib/security/signed-token";
import { answeringBusy } from "@/lib/http/busy";

// The link in every reply notice. GET shows one button (link scanners must
// not act); POST stops the notices at once, which is also what mail clients
// do for RFC 8058 one-click (no Origin, the signed token is the credential).
const page = (title: string, body: string, status = 200) =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><main><h1>${escapeHtml(title)}</h1>${body}<p><a href="/">Back to the site</a></p></main></body></html>`,
    {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": NO_SCRIPT_POLICY },
    },
  );

export const GET = answeringBusy(get);

async function get(request: Request) {
  const req = await gate(request, { accept: [], sameOrigin: false });
  if (!req.ok) return req.response;
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!verifyToken(signingKeys(), STOP_REPLIES_PURPOSE, token).ok)
    return page("This link is not valid", "<p>It may have been changed or cut short. Nothing was changed.</p>", 400);
  return page(
    "Stop reply notifications?",
    `<form method="post"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Stop emails about replies to my comment</button></form>`,
  );
}

export const POST = answeringBusy(post);

async function post(request: Request) {
  const req = await gate(request, { accept: ["form", "multipart"], sameOrigin: false });
  if (!req.ok) return req.response;
  const token = new URL(request.url).searchParams.get("token") ?? String(req.body.data.token ?? "");
  const check = verifyToken(signingKeys(), STOP_REPLIES_PURPOSE, token);
  if (!check.ok) return page("This link is not valid", "<p>Nothing was changed.</p>", 400);
  await stopReplyNotifications(db(), check.subject);
  return page("Done", "<p>You will not get more emails about replies to that comment.</p>");
}
