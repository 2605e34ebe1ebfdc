import { editorForRequest } from "@/app/newsroom/newsletters/_access";
import { renderedIssue } from "@/app/newsroom/newsletters/_issues";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { issueSlug, sendInput, sendOrSchedule } from "@/lib/newsroom/newsletters";
import { campaignTopics } from "@/lib/newsletter/topics";
import { siteTopics } from "@/wiring/newsletter";

// POST /api/newsroom/newsletters/<slug>/send — send now or schedule, after the
// editor confirmed the exact recipient count. Creates the campaign as
// `npm run newsletter -- send [--at]` does; a running worker sends it.
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const who = await editorForRequest(request, "editor", { accept: ["form", "json"] });
  if (!who.ok) return who.response;
  const req = who;
  const slug = issueSlug.safeParse((await params).slug);
  const issue = slug.success ? await renderedIssue(slug.data) : undefined;
  if (!slug.success || !issue) return Response.json({ error: "No such issue", field: "slug" }, { status: 404 });
  const json = req.body.kind === "json";
  const back = (error: string) => see(`/newsroom/newsletters/${slug.data}?error=${error}`);
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
  const r = await sendOrSchedule(db(), who.audit, issue, {
    topics: topics.topics,
    sendAt: parsed.data.sendAt,
    expected: parsed.data.expected,
    resend: parsed.data.resend === "yes",
    after: parsed.data.after,
  });
  if (!r.ok) {
    if (json) return Response.json({ error: r.message, field: r.field, campaignId: r.campaignId }, { status: 409 });
    if (r.campaignId) return see(`/newsroom/newsletters/campaigns/${r.campaignId}?error=already-sent`);
    // Back to the count for the same topics, so the editor sees the new number for what they chose.
    const chosen = topics.topics.length ? `&chosen=1${topics.topics.map((t) => `&topics=${encodeURIComponent(t)}`).join("")}` : "&chosen=1";
    return see(
      `/newsroom/newsletters/${slug.data}?error=${r.field === "at" ? "at" : r.field === "expected" ? "changed" : "no-recipients"}${chosen}`,
    );
  }
  if (json) return Response.json({ ok: true, campaignId: r.campaignId, recipients: r.recipients, scheduled: r.scheduled }, { status: 201 });
  return see(`/newsroom/newsletters/campaigns/${r.campaignId}?done=${r.scheduled ? "scheduled" : "queued"}`);
}

const see = (path: string) => new Response(null, { status: 303, headers: { Location: new URL(path, env().PUBLIC_URL).toString() } });
