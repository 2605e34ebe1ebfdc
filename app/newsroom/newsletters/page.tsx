import Link from "next/link";
import { IssueTable } from "@/components/newsroom/newsletters/issue-table";
import { db } from "@/lib/db";
import { campaignPage, issuesWithState } from "@/lib/newsroom/newsletters";
import { editorForPage } from "./_access";
import { issueList } from "./_issues";

export const dynamic = "force-dynamic";
export const metadata = { title: "Newsletters", robots: { index: false } };

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function NewslettersPage() {
  await editorForPage("editor");
  const [issues, campaigns] = await Promise.all([issuesWithState(db(), issueList()), campaignPage(db())]);
  return (
    <div className="newsroom-section">
      <h1>Newsletters</h1>
      <p>
        Each issue is a file in <code>content/newsletters/</code>. Open one to preview it, send yourself a test, and send or schedule it. A
        running <code>npm run worker</code> does the sending.
      </p>
      <IssueTable issues={issues} />
      <h2>Campaigns</h2>
      {campaigns.rows.length === 0 ? (
        <p>No campaign yet.</p>
      ) : (
        <table className="newsroom-table">
          <caption>The latest {campaigns.rows.length} campaigns</caption>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">State</th>
              <th scope="col">Sends at</th>
              <th scope="col">Recipients</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/newsroom/newsletters/campaigns/${c.id}`}>{c.subject}</Link>
                </td>
                <td>
                  {c.status}
                  {c.status === "paused" && c.pauseReason ? ` (${c.pauseReason})` : ""}
                </td>
                <td>{when(c.sendAt)}</td>
                <td>{c.recipientCount.toLocaleString("en")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
