import { env } from "@/lib/env";
import { gate } from "@/lib/security/gate";
import { newsletterDeps } from "@/wiring/newsletter";
import { confirmSubscription } from "@/lib/newsletter/subscriptions";

// GET /newsletter/confirm?token=… — the link in the confirmation email.
// Confirms once, then sends the reader to a page; a second click (or a mail
// scanner's prefetch followed by the reader's click) lands on "already
// confirmed", which changes nothing.
export async function GET(request: Request) {
  const req = await gate(request, { accept: [], sameOrigin: false });
  if (!req.ok) return req.response;
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const outcome = await confirmSubscription(newsletterDeps(), token);
  const path = outcome === "confirmed" ? "/newsletter/welcome" : `/newsletter/link-problem?reason=${outcome}`;
  return new Response(null, {
    status: 303,
    headers: { Location: new URL(path, env().PUBLIC_URL).toString(), "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
}
