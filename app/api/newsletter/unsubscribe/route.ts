import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { unsubscribe } from "@/lib/newsletter/subscriptions";
import { readManageToken } from "@/lib/newsletter/tokens";
import { readBody } from "@/lib/security/request";

// The List-Unsubscribe URL of every email.
//  POST  unsubscribes at once: RFC 8058 one-click from a mail client (body
//        "List-Unsubscribe=One-Click", no cookies, no Origin), or the button
//        on our confirm page. The signed token is the only credential.
//  GET   never changes anything (link scanners prefetch): it sends the
//        person to the page with the button.
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const page = new URL("/newsletter/unsubscribe", env().PUBLIC_URL);
  page.searchParams.set("token", token);
  return new Response(null, { status: 303, headers: { Location: page.toString(), "Referrer-Policy": "no-referrer" } });
}

export async function POST(request: Request) {
  const body = await readBody(request);
  const data = "status" in body ? {} : body.data;
  const token = new URL(request.url).searchParams.get("token") ?? String(data.token ?? "");
  // Mail clients post "List-Unsubscribe=One-Click" as urlencoded or
  // multipart; only our own page's button says it wants a page back.
  const oneClick = data.from !== "page";
  const subscriberId = readManageToken(env().SECRET_KEY, token);
  if (!subscriberId) {
    if (oneClick) return Response.json({ error: "This unsubscribe link is not valid (it may have been changed or cut short)", field: "token" }, { status: 400 });
    return redirect("/newsletter/link-problem?reason=invalid");
  }
  await unsubscribe(db(), subscriberId);
  if (oneClick) return new Response("Unsubscribed. You will not receive the newsletter again.\n", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
  return redirect("/newsletter/unsubscribed");
}

const redirect = (path: string) => new Response(null, { status: 303, headers: { Location: new URL(path, env().PUBLIC_URL).toString() } });
