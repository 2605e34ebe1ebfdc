import { TableWrap } from "@/components/newsroom/console-chrome";
import Link from "next/link";
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
      <TableWrap label="Audit log entries">
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Object</th>
              <th scope="col">Details</th>
              <th scope="col">Network</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <time dateTime={r.at.toISOString()}>{when.format(r.at)}</time>
                </td>
                <td>{r.editorName}</td>
                <td>{r.action}</td>
                <td>
                  {r.objectType}
                  {r.objectId ? ` ${r.objectId}` : ""}
                </td>
                <td>
                  {r.before ? <div>before: {r.before}</div> : null}
                  {r.after ? <div>after: {r.after}</div> : null}
                </td>
                <td>{r.ipPrefix ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {page.rows.length === 0 ? <p>Nothing yet.</p> : null}
      {page.next ? (
        <p>
          <Link href={`/newsroom/audit?after=${page.next}`}>Older entries</Link>
        </p>
      ) : null}
    </div>
  );
}
