import { countableClick, readClickToken, sentAtOf } from "@/lib/audience/clicks";
import { gate } from "@/lib/security/gate";
import { signingKeys } from "@/lib/security/keys";
import { clickBatcher, clickSettings } from "@/wiring/clicks";

// A newsletter link: count the click (per campaign and link, no reader) and
// go where the issue pointed. Only signed targets: never an open redirect.
async function follow(request: Request, ctx: { params: Promise<{ token: string }> }) {
  const req = await gate(request, { accept: [], sameOrigin: false });
  if (!req.ok) return req.response;
  const link = readClickToken(signingKeys(), (await ctx.params).token);
  if (!link) return new Response("This link is not valid (it may have been cut short).\n", { status: 404, headers: TEXT });
  const sentAt = sentAtOf(new URL(request.url).searchParams.get("t"));
  if (countableClick(request, { sentAt, scannerSeconds: clickSettings().scannerSeconds })) clickBatcher().link(link.campaignId, link.url);
  return new Response(null, {
    status: 302,
    headers: { Location: link.url, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
}

const TEXT = { "content-type": "text/plain; charset=utf-8" };
export { follow as GET, follow as HEAD };
