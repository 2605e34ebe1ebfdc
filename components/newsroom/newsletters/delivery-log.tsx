import Link from "next/link";
import type { LogRow } from "@/lib/newsroom/newsletters";
import { Table } from "../table";

/** Failed deliveries, 50 at a time; the addresses are shown to signed-in editors only (the page checks the role). */
export function DeliveryLog({ campaignId, page }: { campaignId: string; page: { rows: LogRow[]; next?: string } }) {
  if (page.rows.length === 0) return <p>No failed deliveries.</p>;
  return (
    <>
      <Table
        caption="Failed deliveries and suppressed addresses"
        columns={["Address", "Error", "Attempts", "Suppressed"]}
        rows={page.rows}
        rowKey={(r) => r.id}
        cells={(r) => [r.email || "(erased)", r.error ?? "—", r.attempts, r.suppressed ? "yes: never mailed again" : "no"]}
      />
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
