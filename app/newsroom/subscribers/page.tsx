import Link from "next/link";
import { SubscriberOverview } from "@/components/newsroom/subscribers/overview";
import { SubscriberResults } from "@/components/newsroom/subscribers/results";
import { db } from "@/lib/db";
import { searchInput, searchSubscribers, subscriberOverview } from "@/lib/newsroom/subscribers";
import { editorForPage } from "./_access";
import { Notice } from "@/components/newsroom/console-chrome";

// Subscribers: counts, growth, search. Addresses appear only after a search
// of at least three characters, a page of 25 at a time (decision 0043).
export const dynamic = "force-dynamic";
export const metadata = { title: "Subscribers", robots: { index: false } };

const DONE: Record<string, string> = {
  deleted: "The subscriber was deleted; the address is kept only as a hash so it is never mailed again.",
  erased: "The subscriber was erased: no record of the address remains.",
  gone: "That subscriber no longer exists (deleted or erased already). Nothing was changed.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SubscribersPage({ searchParams }: Props) {
  await editorForPage("editor");
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q : undefined;
  const after = typeof params.after === "string" ? params.after : undefined;
  const done = typeof params.done === "string" ? DONE[params.done] : undefined;
  const overview = await subscriberOverview(db());
  const search = q === undefined ? undefined : searchInput.safeParse({ q, after });
  const results = search?.success ? await searchSubscribers(db(), search.data) : undefined;
  return (
    <div className="newsroom-section">
      <h1>Subscribers</h1>
      <Notice notice={done} />
      <SubscriberOverview counts={overview.counts} weeks={overview.weeks} />
      <h2 id="search">Find a subscriber</h2>
      <form method="get" action="/newsroom/subscribers" className="newsroom-plain-form newsroom-inline" role="search">
        <label htmlFor="q">Address, or its first letters</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          minLength={3}
          maxLength={254}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit">Search</button>
      </form>
      {search && !search.success ? (
        <p className="newsroom-error" role="alert">
          {search.error.issues[0]?.message}
        </p>
      ) : null}
      {results && q ? <SubscriberResults q={q} page={results} /> : null}
      <h2>Export and import</h2>
      <form method="post" action="/api/newsroom/subscribers/export" className="newsroom-plain-form newsroom-inline">
        <label htmlFor="export-status">Export</label>
        <select id="export-status" name="status" defaultValue="">
          <option value="">everyone on the list</option>
          <option value="confirmed">confirmed only</option>
          <option value="pending">pending only</option>
        </select>
        <button type="submit">Download CSV</button>
      </form>
      <p>
        <Link href="/newsroom/subscribers/import">Import a CSV file</Link> (from Mailchimp, MailPoet, The Newsletter Plugin or a plain
        list).
      </p>
    </div>
  );
}
