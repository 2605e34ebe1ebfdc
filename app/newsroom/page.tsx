import Link from "next/link";
import { db } from "@/lib/db";
import { commentCounts } from "@/lib/newsroom/comment-queue";
import { hasRole, ROLE_LABELS, type Role } from "@/lib/newsroom/roles";
import { requireEditor } from "@/wiring/newsroom";

export const dynamic = "force-dynamic";
export const metadata = { title: "Overview" };

export default async function Overview() {
  const editor = await requireEditor("moderator");
  const counts = await commentCounts(db());
  return (
    <div>
      <h1>Overview</h1>
      <p>
        Signed in as {editor.displayName}, {ROLE_LABELS[editor.role as Role] ?? editor.role}.
      </p>
      <h2>Comments</h2>
      <p>
        <Link href="/newsroom/comments">
          {counts.pending} comment{counts.pending === 1 ? "" : "s"} waiting for moderation
        </Link>
        . {counts.approved} approved, {counts.spam} spam, {counts.deleted} deleted.
      </p>
      {hasRole(editor.role, "editor") ? (
        <>
          <h2>Subscribers and newsletters</h2>
          <ul>
            <li>
              <Link href="/newsroom/subscribers">Subscribers</Link>
            </li>
            <li>
              <Link href="/newsroom/newsletters">Newsletters</Link>
            </li>
          </ul>
        </>
      ) : null}
      {hasRole(editor.role, "admin") ? (
        <>
          <h2>Administration</h2>
          <ul>
            <li>
              <Link href="/newsroom/editors">Editors</Link>
            </li>
            <li>
              <Link href="/newsroom/audit">Audit log</Link>
            </li>
          </ul>
        </>
      ) : null}
    </div>
  );
}
