import { env } from "@/lib/env";
import { signupOutcomeQuery } from "@/lib/newsletter/outcome";
import { newsletterDeps } from "@/wiring/newsletter";
import { subscribe, type SignupResult } from "@/lib/newsletter/subscriptions";
import { gate } from "@/lib/security/gate";
import { answeringBusy } from "@/lib/http/busy";
import { refusalJson } from "@/lib/http/form-refusal";
import { requestLog } from "@/lib/log/app";
import { metrics } from "@/lib/metrics";

// POST /api/newsletter/subscribe — JSON from the enhanced form, or a plain
// form post without JavaScript (answered with a redirect to a result page).
export const POST = answeringBusy(post, (e, request) => {
  metrics().signups.inc({ outcome: "busy" });
  requestLog(request).warn({ err: e }, "signup refused: the database is busy (503)");
});

async function post(request: Request) {
  const req = await gate(request, { accept: ["json", "form"] });
  if (!req.ok) return req.response;
  const result = await subscribe(newsletterDeps(), req.body.data, { ip: req.ip });
  metrics().signups.inc({ outcome: result.kind });
  if (req.body.kind === "form") {
    const url = new URL(`/newsletter/signup?${signupOutcomeQuery(result)}`, env().PUBLIC_URL);
    return new Response(null, { status: 303, headers: { Location: url.toString() } });
  }
  return asJson(result);
}

function asJson(r: SignupResult): Response {
  switch (r.kind) {
    case "accepted":
      return Response.json({ status: "check-inbox", message: r.message }, { status: 202 });
    case "mail-failed":
      return Response.json({ error: r.message }, { status: 503 });
    default:
      return refusalJson(r);
  }
}
