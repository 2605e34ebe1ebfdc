import Link from "next/link";
import type { LogRow } from "@/lib/newsroom/newsletters";

/** Failed deliveries, 50 at a time; the addresses are shown to signed-in editors only (the page checks the role). */
export function DeliveryLog({ campaignId, page }: { campaignId: string; page: { rows: LogRow[]; next?: string } }) {
  if (page.rows.length === 0) return <p>No failed deliveries.</p>;
  return (
    <>
      <table className="newsroom-table">
        <caption>Failed deliveries and suppressed addresses</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Error</th>
            <th scope="col">Attempts</th>
            <th scope="col">Suppressed</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.email || "(erased)"}</td>
              <td>{r.error ?? "—"}</td>
              <td>{r.attempts}</td>
              <td>{r.suppressed ? "yes: never mailed again" : "no"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.next ? (
        <p>
          <Link href={`/newsroom/newsletters/campaigns/${campaignId}?after=${page.next}#log`} rel="next">
            More failures
          </Link>
        </p>
      ) : null}
    </>
  );
}
