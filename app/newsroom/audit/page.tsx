import Link from "next/link";
import { Table } from "@/components/newsroom/table";
import { db } from "@/lib/db";
import { listAudit } from "@/lib/newsroom/audit";
import { requireEditor } from "@/wiring/newsroom";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function AuditLog({ searchParams }: Props) {
  await requireEditor("admin");
  const after = (await searchParams).after;
  const page = await listAudit(db(), { cursor: typeof after === "string" ? after : undefined });
  return (
    <div>
      <h1>Audit log</h1>
      <p>Every change made in the newsroom or with the command-line tools, newest first. Entries are never changed or removed.</p>
      <Table
        region="Audit log entries"
        columns={["When (UTC)", "Who", "What", "Object", "Details", "Network"]}
        rows={page.rows}
        rowKey={(r) => r.id}
        cells={(r) => [
          <time key="at" dateTime={r.at.toISOString()}>
            {when.format(r.at)}
          </time>,
          r.editorName,
          r.action,
          `${r.objectType}${r.objectId ? ` ${r.objectId}` : ""}`,
          <>
            {r.before ? <div>before: {r.before}</div> : null}
            {r.after ? <div>after: {r.after}</div> : null}
          </>,
          r.ipPrefix ?? "",
        ]}
      />
      {page.rows.length === 0 ? <p>Nothing yet.</p> : null}
      {page.next ? (
        <p>
          <Link href={`/newsroom/audit?after=${page.next}`}>Older entries</Link>
        </p>
      ) : null}
    </div>
  );
}
