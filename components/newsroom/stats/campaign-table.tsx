import Link from "next/link";
import type { CampaignSummary } from "@/lib/audience/stats";

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Recent campaigns with their aggregate figures; each links to its own page of clicks per link. */
export function CampaignStatsTable({ rows }: { rows: CampaignSummary[] }) {
  if (rows.length === 0) return <p>No campaign has been sent yet.</p>;
  return (
    <table className="newsroom-table newsroom-counts">
      <caption>Recent campaigns</caption>
      <thead>
        <tr>
          <th scope="col">Campaign</th>
          <th scope="col">Delivered</th>
          <th scope="col">Clicks</th>
          <th scope="col">Click-through</th>
          <th scope="col">Hard bounces</th>
          <th scope="col">Soft bounces</th>
          <th scope="col">Complaints</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.campaignId}>
            <th scope="row">
              <Link href={`/newsroom/stats/campaigns/${r.campaignId}`}>{r.subject}</Link>{" "}
              <span className="meta">
                ({r.status}, {r.sendAt.toISOString().slice(0, 10)})
              </span>
            </th>
            <td>{r.delivered.toLocaleString("en")}</td>
            <td>{r.clicks.toLocaleString("en")}</td>
            <td>{pct(r.clickThrough)}</td>
            <td>{r.hardBounces.toLocaleString("en")}</td>
            <td>{r.softBounces.toLocaleString("en")}</td>
            <td>{r.complaints.toLocaleString("en")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One figure per row: label and value (the bar chart's numbers as a table, for screen readers and copying). */
export function FigureTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: [string, string];
  rows: { label: string; value: number }[];
}) {
  return (
    <table className="newsroom-table newsroom-counts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col">{head[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.label}-${i}`}>
            <th scope="row">{r.label}</th>
            <td>{r.value.toLocaleString("en")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
