import Link from "next/link";
import { IssueTable } from "@/components/newsroom/newsletters/issue-table";
import { Table } from "@/components/newsroom/table";
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
        <Table
          caption={`The latest ${campaigns.rows.length} campaigns`}
          columns={["Issue", "State", "Sends at", "Recipients"]}
          rows={campaigns.rows}
          rowKey={(c) => c.id}
          cells={(c) => [
            <Link key="issue" href={`/newsroom/newsletters/campaigns/${c.id}`}>
              {c.subject}
            </Link>,
            `${c.status}${c.status === "paused" && c.pauseReason ? ` (${c.pauseReason})` : ""}`,
            when(c.sendAt),
            c.recipientCount.toLocaleString("en"),
          ]}
        />
      )}
    </div>
  );
}
