import type { Week } from "@/lib/newsroom/subscribers";
import type { SubscriberCounts } from "@/lib/newsletter/subscriptions";
import { WeeklyBars } from "../charts/weekly-bars";

const LABELS: Record<keyof SubscriberCounts, string> = {
  confirmed: "Confirmed",
  paused: "of whom paused",
  pending: "Pending (not yet confirmed)",
  unsubscribed: "Unsubscribed",
  bounced: "Bounced",
  complained: "Complained (marked as spam)",
  deleted: "Deleted on request",
};

const shortDate = (d: Date) => d.toISOString().slice(5, 10);

export function SubscriberOverview({ counts, weeks }: { counts: SubscriberCounts; weeks: Week[] }) {
  return (
    <>
      <h2>By state</h2>
      <table className="newsroom-table newsroom-counts">
        <tbody>
          {(Object.keys(LABELS) as (keyof SubscriberCounts)[]).map((k) => (
            <tr key={k}>
              <th scope="row">{LABELS[k]}</th>
              <td>{counts[k].toLocaleString("en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Growth</h2>
      <WeeklyBars
        caption="New confirmed subscribers per week (still on the list), last 12 weeks, by the Monday each week starts (UTC)"
        bars={weeks.map((w) => ({ label: shortDate(w.start), value: w.confirmed }))}
      />
    </>
  );
}
