import Link from "next/link";
import type { SearchPage } from "@/lib/newsroom/subscribers";
import { Table } from "../table";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

/** Search results: addresses for signed-in editors only (the page that renders this checks the role). */
export function SubscriberResults({ q, page }: { q: string; page: SearchPage }) {
  if (page.rows.length === 0)
    return (
      <p role="status">
        No subscriber has an address starting with <q>{q}</q>.
      </p>
    );
  return (
    <>
      <Table
        caption={page.exact ? "The subscriber with this address" : `Addresses starting with “${q}”`}
        columns={["Address", "State", "Signed up", "Confirmed"]}
        rows={page.rows}
        rowKey={(r) => r.id}
        cells={(r) => [
          <Link key="address" href={`/newsroom/subscribers/${r.id}`}>
            {r.email}
          </Link>,
          `${r.status}${r.paused ? " (paused)" : ""}`,
          day(r.createdAt),
          day(r.confirmedAt),
        ]}
      />
      {page.next ? (
        <p>
          <Link href={`/newsroom/subscribers?q=${encodeURIComponent(q)}&after=${page.next}#search`} rel="next">
            Next addresses
          </Link>
        </p>
      ) : null}
    </>
  );
}
