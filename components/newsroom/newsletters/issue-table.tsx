import Link from "next/link";
import type { IssueState } from "@/lib/newsroom/newsletters";
import { Table } from "../table";

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
    <Table
      caption="Issues"
      columns={["Subject", "Planned for", "State"]}
      rows={issues}
      rowKey={(i) => i.slug}
      cells={(i) => [
        <Link key="subject" href={`/newsroom/newsletters/${i.slug}`}>
          {i.subject}
        </Link>,
        i.sendOn?.slice(0, 10) ?? "—",
        i.campaign ? (
          <Link key="state" href={`/newsroom/newsletters/campaigns/${i.campaign.id}`}>
            {STATE[i.campaign.status] ?? i.campaign.status}
          </Link>
        ) : (
          "not sent"
        ),
      ]}
    />
  );
}
