import Link from "next/link";
import type { SearchPage } from "@/lib/newsroom/subscribers";

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
      <table className="newsroom-table">
        <caption>{page.exact ? "The subscriber with this address" : `Addresses starting with “${q}”`}</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">State</th>
            <th scope="col">Signed up</th>
            <th scope="col">Confirmed</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/newsroom/subscribers/${r.id}`}>{r.email}</Link>
              </td>
              <td>
                {r.status}
                {r.paused ? " (paused)" : ""}
              </td>
              <td>{day(r.createdAt)}</td>
              <td>{day(r.confirmedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
