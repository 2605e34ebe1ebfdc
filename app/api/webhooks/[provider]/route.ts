import { handleWebhook } from "@/lib/audience/webhooks";
import { gateRaw } from "@/lib/security/gate";
import { webhookDeps } from "@/wiring/audience";

// Bounces and complaints from the relay (Amazon SES via SNS, Postmark,
// Mailgun, SendGrid, Resend): lib/audience/webhooks.ts checks each provider's
// signature before reading a field. SNS posts JSON as text/plain.
export async function POST(request: Request, ctx: { params: Promise<{ provider: string }> }) {
  const req = await gateRaw(request, { types: ["application/json", "text/plain"], maxBytes: 512 * 1024 });
  if (!req.ok) return req.response;
  const { provider } = await ctx.params;
  const answer = await handleWebhook(webhookDeps(), provider, request.headers, req.text);
  return Response.json(answer.body, { status: answer.status });
}
