import Link from "next/link";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/bar-chart";
import { FigureTable } from "@/components/newsroom/stats/campaign-table";
import { campaignStats } from "@/lib/audience/stats";
import { db } from "@/lib/db";
import { campaignId } from "@/lib/newsroom/newsletters";
import { editorForPage } from "../../../subscribers/_access";

// One campaign's figures (`npm run stats -- campaign <id>` in the console):
// clicks per link as a server-rendered SVG chart and a table, click-through,
// bounces and complaints. Editors and admins only, checked on the server.
export const dynamic = "force-dynamic";
export const metadata = { title: "Campaign stats", robots: { index: false } };

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
type Props = { params: Promise<{ id: string }> };

export default async function CampaignStatsPage({ params }: Props) {
  await editorForPage("editor");
  const id = campaignId.safeParse((await params).id);
  const s = id.success ? await campaignStats(db(), id.data) : undefined;
  if (!id.success || !s) notFound();
  const links = s.links.slice(0, 30).map((l) => ({ label: l.url.replace(/^https?:\/\//, ""), value: l.clicks }));
  return (
    <div className="newsroom-section">
      <p>
        <Link href="/newsroom/stats">← Stats</Link> · <Link href={`/newsroom/newsletters/campaigns/${s.campaignId}`}>The campaign</Link>
      </p>
      <h1>{s.subject}</h1>
      <table className="newsroom-table newsroom-counts">
        <caption>Figures</caption>
        <tbody>
          <tr>
            <th scope="row">Delivered</th>
            <td data-testid="stats-delivered">{s.delivered.toLocaleString("en")}</td>
          </tr>
          <tr>
            <th scope="row">Counted clicks</th>
            <td data-testid="stats-clicks">{s.clicks.toLocaleString("en")}</td>
          </tr>
          <tr>
            <th scope="row">Click-through (clicks per delivered message)</th>
            <td>{pct(s.clickThrough)}</td>
          </tr>
          <tr>
            <th scope="row">Hard bounces</th>
            <td>{s.events["hard-bounce"].toLocaleString("en")}</td>
          </tr>
          <tr>
            <th scope="row">Soft bounces</th>
            <td>{s.events["soft-bounce"].toLocaleString("en")}</td>
          </tr>
          <tr>
            <th scope="row">Complaints</th>
            <td>{s.events.complaint.toLocaleString("en")}</td>
          </tr>
          <tr>
            <th scope="row">Unsubscribes by mail</th>
            <td>{s.events.unsubscribe.toLocaleString("en")}</td>
          </tr>
        </tbody>
      </table>
      <h2>Clicks per link</h2>
      {links.length === 0 ? (
        <p>No click counted for this campaign.</p>
      ) : (
        <>
          <BarChart title="Clicks per link" rows={links} />
          <FigureTable caption="Clicks per link" head={["Link", "Clicks"]} rows={links} />
        </>
      )}
    </div>
  );
}
