import Link from "next/link";
import { notFound } from "next/navigation";
import { editorConsoleEnabled } from "@/lib/editor-console";
import { content } from "@/lib/content";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { campaignCounts, listCampaigns } from "@/lib/newsletter/campaigns";
import { subscriberCounts } from "@/lib/newsletter/subscriptions";

// The editor console (local mode only): subscribers by state, campaigns with
// their progress, and previews of every issue in content/newsletters.
export const dynamic = "force-dynamic";
export const metadata = { title: "Editor console", robots: { index: false } };

export default async function EditorConsole() {
  const e = env();
  if (!editorConsoleEnabled(e)) notFound();
  const [subs, campaigns] = await Promise.all([subscriberCounts(db()), listCampaigns(db())]);
  const withCounts = await Promise.all(campaigns.map(async (c) => ({ ...c, counts: await campaignCounts(db(), c.id) })));
  return (
    <div className="narrow console">
      <h1>Editor console</h1>
      <p>Local mode only. Send with <code>npm run newsletter -- send &lt;slug&gt;</code>; moderate with <code>npm run comments</code>.</p>
      <h2>Subscribers</h2>
      <table className="mailbox">
        <tbody>
          {Object.entries(subs).map(([state, n]) => (
            <tr key={state}>
              <th scope="row">{state}</th>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Campaigns</h2>
      {withCounts.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <table className="mailbox">
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Status</th>
              <th scope="col">Queued</th>
              <th scope="col">Sent</th>
              <th scope="col">Failed</th>
              <th scope="col">In doubt</th>
            </tr>
          </thead>
          <tbody>
            {withCounts.map((c) => (
              <tr key={c.id}>
                <td>{c.newsletterSlug}</td>
                <td>
                  {c.status}
                  {c.status === "paused" && c.pauseReason ? ` (${c.pauseReason})` : ""}
                </td>
                <td>{c.counts.queued + c.counts.inFlight}</td>
                <td>{c.counts.sent}</td>
                <td>{c.counts.failed}</td>
                <td>{c.counts.inDoubt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Newsletter issues</h2>
      <ul>
        {content.newsletters().map((n) => (
          <li key={n.slug}>
            <Link href={`/dev/editor/newsletters/${n.slug}`}>{n.subject}</Link> <span className="meta">({n.slug}{n.sendOn ? `, planned ${n.sendOn.slice(0, 10)}` : ""})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
