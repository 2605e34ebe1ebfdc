import Link from "next/link";
import type { IssueState } from "@/lib/newsroom/newsletters";

const STATE: Record<string, string> = {
  scheduled: "scheduled",
  sending: "sending",
  paused: "paused",
  cancelled: "cancelled (can be sent again)",
  done: "sent",
};

export function IssueTable({ issues }: { issues: IssueState[] }) {
  if (issues.length === 0) return <p>No issue in content/newsletters yet.</p>;
  return (
    <table className="newsroom-table">
      <caption>Issues</caption>
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">Planned for</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((i) => (
          <tr key={i.slug}>
            <td>
              <Link href={`/newsroom/newsletters/${i.slug}`}>{i.subject}</Link>
            </td>
            <td>{i.sendOn?.slice(0, 10) ?? "—"}</td>
            <td>
              {i.campaign ? (
                <Link href={`/newsroom/newsletters/campaigns/${i.campaign.id}`}>{STATE[i.campaign.status] ?? i.campaign.status}</Link>
              ) : (
                "not sent"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
