import { env } from "@/lib/env";
import { signupOutcomeQuery } from "@/lib/newsletter/outcome";
import { newsletterDeps } from "@/lib/newsletter/runtime";
import { subscribe, type SignupResult } from "@/lib/newsletter/subscriptions";
import { checkSameOrigin, clientIp, readBody } from "@/lib/security/request";

// POST /api/newsletter/subscribe — JSON from the enhanced form, or a plain
// form post without JavaScript (answered with a redirect to a result page).
export async function POST(request: Request) {
  const origin = checkSameOrigin(request.headers, env().PUBLIC_URL);
  if (origin) return Response.json({ error: origin.error }, { status: origin.status });
  const body = await readBody(request);
  if ("status" in body) return Response.json({ error: body.error }, { status: body.status });
  const result = await subscribe(newsletterDeps(), body.data, { ip: clientIp(request.headers) });
  if (body.kind === "form") {
    const url = new URL(`/newsletter/signup?${signupOutcomeQuery(result)}`, env().PUBLIC_URL);
    return new Response(null, { status: 303, headers: { Location: url.toString() } });
  }
  return asJson(result);
}

function asJson(r: SignupResult): Response {
  switch (r.kind) {
    case "accepted":
      return Response.json({ status: "check-inbox", message: r.message }, { status: 202 });
    case "invalid":
      return Response.json({ error: "Please correct the highlighted fields", fields: r.errors }, { status: 400 });
    case "captcha":
      return Response.json({ error: r.message, field: "captcha", reason: r.reason }, { status: 403 });
    case "rate-limited":
      return Response.json({ error: r.message }, { status: 429, headers: { "Retry-After": String(r.retryAfterSeconds) } });
    case "mail-failed":
      return Response.json({ error: r.message }, { status: 503 });
  }
}
