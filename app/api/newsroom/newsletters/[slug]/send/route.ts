import { issueRequest } from "@/app/newsroom/newsletters/_issues";
import { db } from "@/lib/db";
import { sendInput, sendOrSchedule } from "@/lib/newsroom/newsletters";
import { campaignTopics } from "@/lib/newsletter/topics";
import { siteTopics } from "@/wiring/newsletter";
import { seeOther } from "@/wiring/newsroom";

// POST /api/newsroom/newsletters/<slug>/send — send now or schedule, after the
// editor confirmed the exact recipient count. Creates the campaign as
// `npm run newsletter -- send [--at]` does; a running worker sends it.
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const req = await issueRequest(request, params);
  if (!req.ok) return req.response;
  const { slug, issue, json } = req;
  const back = (error: string) => seeOther(`/newsroom/newsletters/${slug}?error=${error}`);
  const parsed = sendInput.safeParse(req.body.data);
  if (!parsed.success) {
    const issueOf = parsed.error.issues[0];
    const field = String(issueOf?.path[0] ?? "");
    if (json) return Response.json({ error: issueOf?.message, field }, { status: 400 });
    return back(field === "at" ? "at" : field === "topics" ? "topics" : "confirm");
  }
  const raw = parsed.data.topics;
  const topics = campaignTopics(Array.isArray(raw) ? raw : raw ? [raw] : [], siteTopics());
  if (!topics.ok) {
    if (json) return Response.json({ error: topics.message, field: "topics" }, { status: 400 });
    return back("topics");
  }
  const r = await sendOrSchedule(db(), req.audit, issue, {
    topics: topics.topics,
    sendAt: parsed.data.sendAt,
    expected: parsed.data.expected,
    resend: parsed.data.resend === "yes",
    after: parsed.data.after,
  });
  if (!r.ok) {
    if (json) return Response.json({ error: r.message, field: r.field, campaignId: r.campaignId }, { status: 409 });
    if (r.campaignId) return seeOther(`/newsroom/newsletters/campaigns/${r.campaignId}?error=already-sent`);
    // Back to the count for the same topics, so the editor sees the new number for what they chose.
    const chosen = topics.topics.length ? `&chosen=1${topics.topics.map((t) => `&topics=${encodeURIComponent(t)}`).join("")}` : "&chosen=1";
    return seeOther(
      `/newsroom/newsletters/${slug}?error=${r.field === "at" ? "at" : r.field === "expected" ? "changed" : "no-recipients"}${chosen}`,
    );
  }
  if (json) return Response.json({ ok: true, campaignId: r.campaignId, recipients: r.recipients, scheduled: r.scheduled }, { status: 201 });
  return seeOther(`/newsroom/newsletters/campaigns/${r.campaignId}?done=${r.scheduled ? "scheduled" : "queued"}`);
}
