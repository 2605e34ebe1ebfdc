import { revalidatePath } from "next/cache";
import { outcomeOf } from "@/lib/comments/outcome";
import { submitDeps } from "@/lib/comments/runtime";
import { submitComment, type SubmitResult } from "@/lib/comments/submit";
import { env } from "@/lib/env";
import { checkSameOrigin, clientIp, readBody } from "@/lib/security/request";

// POST /api/comments — JSON from the enhanced form (answers JSON), or a plain
// HTML form post without JavaScript (answers with a redirect to a page).
export async function POST(request: Request) {
  const origin = checkSameOrigin(request.headers, env().PUBLIC_URL);
  if (origin) return Response.json({ error: origin.error }, { status: origin.status });
  const body = await readBody(request);
  if ("status" in body) return Response.json({ error: body.error }, { status: body.status });

  const result = await submitComment(
    submitDeps(async (c) => revalidatePath(`/articles/${c.articleSlug}`)),
    body.data,
    { ip: clientIp(request.headers) },
  );
  return body.kind === "json" ? asJson(result) : asRedirect(result, String(body.data.articleSlug ?? ""));
}

const STATUS: Record<SubmitResult["kind"], number> = { accepted: 201, invalid: 400, captcha: 403, "rate-limited": 429, duplicate: 409 };

function asJson(r: SubmitResult): Response {
  switch (r.kind) {
    case "accepted":
      return Response.json({ id: r.id, status: r.visible ? "published" : "awaiting-moderation" }, { status: 201 });
    case "invalid":
      return Response.json({ error: "Please correct the highlighted fields", fields: r.errors }, { status: 400 });
    case "captcha":
      return Response.json({ error: r.message, field: "captcha", reason: r.reason }, { status: 403 });
    case "rate-limited":
      return Response.json({ error: r.message }, { status: 429, headers: { "Retry-After": String(r.retryAfterSeconds) } });
    case "duplicate":
      return Response.json({ error: r.message }, { status: STATUS.duplicate });
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
