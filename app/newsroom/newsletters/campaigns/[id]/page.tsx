import Link from "next/link";
import { notFound } from "next/navigation";
import { CampaignActions } from "@/components/newsroom/newsletters/campaign-actions";
import { DeliveryLog } from "@/components/newsroom/newsletters/delivery-log";
import { LiveProgress } from "@/components/newsroom/newsletters/live-progress";
import { db } from "@/lib/db";
import { campaignId, campaignProgress, deliveryLog } from "@/lib/newsroom/newsletters";
import { editorForPage } from "../../_access";
import { Notice } from "@/components/newsroom/console-chrome";

export const dynamic = "force-dynamic";
export const metadata = { title: "Campaign", robots: { index: false } };

const DONE: Record<string, string> = {
  queued: "Queued: a running worker (npm run worker) starts sending within seconds. Progress updates below.",
  scheduled: "Scheduled. The recipients are frozen now; a running worker sends at the time shown.",
  pause: "Paused. Messages already handed to the mail relay still arrive; nothing more is sent until you resume.",
  resume: "Resumed.",
  cancel: "Cancelled. Nothing more will be sent.",
};
const ERRORS: Record<string, string> = {
  "already-sent": "This issue already had this campaign, so nothing new was queued (a second click, or another editor was first).",
  state: "That action does not apply any more (the campaign changed meanwhile). Nothing was changed; the page shows its state now.",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CampaignPage({ params, searchParams }: Props) {
  await editorForPage("editor");
  const id = campaignId.safeParse((await params).id);
  const progress = id.success ? await campaignProgress(db(), id.data) : undefined;
  if (!id.success || !progress) notFound();
  const q = await searchParams;
  const campaign = (await db().campaign.findUnique({ where: { id: id.data }, select: { subject: true, newsletterSlug: true } }))!;
  const after = typeof q.after === "string" && /^[\w-]{1,140}$/.test(q.after) ? q.after : undefined;
  const log = await deliveryLog(db(), id.data, after);
  const done = typeof q.done === "string" ? DONE[q.done] : undefined;
  const error = typeof q.error === "string" ? ERRORS[q.error] : undefined;
  return (
    <div className="newsroom-section">
      <p>
        <Link href="/newsroom/newsletters">← Newsletters</Link> ·{" "}
        <Link href={`/newsroom/newsletters/${campaign.newsletterSlug}`}>The issue</Link> ·{" "}
        <Link href={`/newsroom/stats/campaigns/${id.data}`}>Clicks and bounces</Link>
      </p>
      <h1>{campaign.subject}</h1>
      <Notice notice={done} error={error} />
      <h2>Progress</h2>
      <LiveProgress campaignId={id.data} initial={progress} />
      <CampaignActions campaignId={id.data} status={progress.status} />
      <h2 id="log">Delivery log</h2>
      <DeliveryLog campaignId={id.data} page={log} />
    </div>
  );
}
