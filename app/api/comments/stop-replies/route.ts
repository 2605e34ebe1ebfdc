import { stopReplyNotifications } from "@/lib/comments/editor";
import { STOP_REPLIES_PURPOSE } from "@/lib/comments/notify";
import { escapeHtml } from "@/lib/comments/text";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { verifyToken } from "@/lib/security/signed-token";

// GET shows one button (link scanners must not act); POST stops the notices
// at once, which is also what mail clients do for RFC 8058 one-click.
const page = (title: string, body: string, status = 200) =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><main><h1>${title}</h1>${body}<p><a href="/">Back to the site</a></p></main></body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!verifyToken(env().SECRET_KEY, STOP_REPLIES_PURPOSE, token).ok) return page("This link is not valid", "<p>It may have been changed or cut short. Nothing was changed.</p>", 400);
  return page(
    "Stop reply notifications?",
    `<form method="post"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Stop emails about replies to my comment</button></form>`,
  );
}

export async function POST(request: Request) {
  const url = new URL(request.url);
  let token = url.searchParams.get("token") ?? "";
  if (!token) token = String(new URLSearchParams(await request.text()).get("token") ?? "");
  const check = verifyToken(env().SECRET_KEY, STOP_REPLIES_PURPOSE, token);
  if (!check.ok) return page("This link is not valid", "<p>Nothing was changed.</p>", 400);
  await stopReplyNotifications(db(), check.subject);
  return page("Done", "<p>You will not get more emails about replies to that comment.</p>");
}
