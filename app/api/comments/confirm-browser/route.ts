import { revalidatePath } from "next/cache";
import { confirmCommenterBrowser } from "@/lib/comments/editor";
import { browserIdFrom, readConfirmBrowserToken } from "@/lib/comments/identity";
import { env } from "@/lib/env";
import { gate } from "@/lib/security/gate";
import { signingKeys } from "@/lib/security/keys";
import { editorDeps } from "@/wiring/comments";
import { answeringBusy } from "@/lib/http/busy";

// POST from the confirm-browser page: ties this browser to the address and
// publishes the comments that waited only for that (decision 0014).
export const POST = answeringBusy(post);

async function post(request: Request) {
  const req = await gate(request, { accept: ["form", "json"] });
  if (!req.ok) return req.response;
  const keys = signingKeys();
  const token = String(req.body.data.token ?? "");
  const check = readConfirmBrowserToken(keys, token, browserIdFrom(request.headers.get("cookie"), keys));
  const page = new URL("/comments/confirm-browser", env().PUBLIC_URL);
  if (!check.ok) {
    page.searchParams.set("token", token);
    return new Response(null, { status: 303, headers: { Location: page.toString() } });
  }
  const { published } = await confirmCommenterBrowser(
    editorDeps(async (slug) => revalidatePath(`/articles/${slug}`)),
    check.emailHash,
    check.browserHash,
  );
  page.searchParams.set("done", String(Math.min(published, 2)));
  return new Response(null, { status: 303, headers: { Location: page.toString(), "Referrer-Policy": "no-referrer" } });
}
