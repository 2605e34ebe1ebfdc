import { revalidatePath } from "next/cache";
import { outcomeOf } from "@/lib/comments/outcome";
import { submitDeps } from "@/wiring/comments";
import { submitComment, type SubmitResult } from "@/lib/comments/submit";
import { env } from "@/lib/env";
import { browserIdCookie, browserIdFrom, newBrowserId } from "@/lib/comments/identity";
import { gate } from "@/lib/security/gate";
import { signingKeys } from "@/lib/security/keys";
import { answeringBusy } from "@/lib/http/busy";
import { refusalJson } from "@/lib/http/form-refusal";
import { requestLog } from "@/lib/log/app";
import { metrics } from "@/lib/metrics";

// POST /api/comments — JSON from the enhanced form (answers JSON), or a plain
// HTML form post without JavaScript (answers with a redirect to a page).
export const POST = answeringBusy(post, (e, request) => {
  metrics().comments.inc({ outcome: "busy" });
  requestLog(request).warn({ err: e }, "comment refused: the database is busy (503)");
});

async function post(request: Request) {
  const req = await gate(request, { accept: ["json", "form"] });
  if (!req.ok) return req.response;
  const body = req.body;

  // The returning-commenter cookie (decision 0014): this browser's id, new if it has none.
  const keys = signingKeys();
  const known = browserIdFrom(request.headers.get("cookie"), keys);
  const browserId = known ?? newBrowserId();
  const result = await submitComment(
    submitDeps(async (c) => revalidatePath(`/articles/${c.articleSlug}`)),
    body.data,
    { ip: req.ip, browserId },
  );
  metrics().comments.inc({ outcome: result.kind === "accepted" ? (result.visible ? "published" : "held") : result.kind });
  const response = body.kind === "json" ? asJson(result) : asRedirect(result, String(body.data.articleSlug ?? ""));
  if (!known && result.kind === "accepted") response.headers.append("Set-Cookie", browserIdCookie(browserId, keys, env().PUBLIC_URL));
  return response;
}

function asJson(r: SubmitResult): Response {
  switch (r.kind) {
    case "accepted":
      return Response.json({ id: r.id, status: r.visible ? "published" : "awaiting-moderation" }, { status: 201 });
    case "duplicate":
      return Response.json({ error: r.message }, { status: 409 });
    default:
      return refusalJson(r);
  }
}

function asRedirect(r: SubmitResult, articleSlug: string): Response {
  const url = new URL("/comments/status", env().PUBLIC_URL);
  url.searchParams.set("article", /^[a-z0-9-]+$/.test(articleSlug) ? articleSlug : "");
  const outcome = outcomeOf(r);
  url.searchParams.set("result", outcome.code);
  if (outcome.fields?.length) url.searchParams.set("fields", outcome.fields.join(","));
  return new Response(null, { status: 303, headers: { Location: url.toString() } });
}
