import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { unsubscribe } from "@/lib/newsletter/subscriptions";
import { readManageToken } from "@/lib/newsletter/tokens";
import { gate } from "@/lib/security/gate";
import { signingKeys } from "@/lib/security/keys";
import { answeringBusy } from "@/lib/http/busy";

// The List-Unsubscribe URL of every email.
//  POST  unsubscribes at once: RFC 8058 one-click from a mail client (body
//        "List-Unsubscribe=One-Click", no cookies, no Origin), or the button
//        on our confirm page. The signed token is the only credential.
//  GET   never changes anything (link scanners prefetch): it sends the
//        person to the page with the button.
export const GET = answeringBusy(get);

async function get(request: Request) {
  const req = await gate(request, { accept: [], sameOrigin: false });
  if (!req.ok) return req.response;
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const page = new URL("/newsletter/unsubscribe", env().PUBLIC_URL);
  page.searchParams.set("token", token);
  return new Response(null, { status: 303, headers: { Location: page.toString(), "Referrer-Policy": "no-referrer" } });
}

export const POST = answeringBusy(post);

async function post(request: Request) {
  // No origin check: mail clients post without one; the signed token is the credential.
  const req = await gate(request, { accept: ["form", "multipart", "json"], sameOrigin: false });
  if (!req.ok) return req.response;
  const data = req.body.data;
  const token = new URL(request.url).searchParams.get("token") ?? String(data.token ?? "");
  // Mail clients post "List-Unsubscribe=One-Click" as urlencoded or
  // multipart; only our own page's button says it wants a page back.
  const oneClick = data.from !== "page";
  const subscriberId = readManageToken(signingKeys(), token);
  if (!subscriberId) {
    if (oneClick)
      return Response.json(
        { error: "This unsubscribe link is not valid (it may have been changed or cut short)", field: "token" },
        { status: 400 },
      );
    return redirect("/newsletter/link-problem?reason=invalid");
  }
  await unsubscribe(db(), subscriberId);
  if (oneClick)
    return new Response("Unsubscribed. You will not receive the newsletter again.\n", {
      status: 200,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return redirect("/newsletter/unsubscribed");
}

const redirect = (path: string) => new Response(null, { status: 303, headers: { Location: new URL(path, env().PUBLIC_URL).toString() } });
