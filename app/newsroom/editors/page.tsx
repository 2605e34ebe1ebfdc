import { Notice, PostButton } from "@/components/newsroom/console-chrome";
import { Table } from "@/components/newsroom/table";
import { db } from "@/lib/db";
import { listEditors, maskEmail } from "@/lib/newsroom/editors";
import { BADGE_LABELS, BADGES, ROLE_LABELS, ROLES, badgeLabel, type Role } from "@/lib/newsroom/roles";
import { requireEditor } from "@/wiring/newsroom";

export const dynamic = "force-dynamic";
export const metadata = { title: "Editors" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Editors({ searchParams }: Props) {
  const me = await requireEditor("admin");
  const q = await searchParams;
  const editors = await listEditors(db());
  return (
    <div>
      <h1>Editors</h1>
      <Notice notice={q.notice} error={q.error} />
      <p>
        People who may sign in to the newsroom. Addresses are shown masked; the operator sees them with <code>npm run editors -- list</code>
        .
      </p>
      <Table
        region="Editors"
        columns={["Name", "Address", "Role", "Badge on replies", { hidden: "Action" }]}
        rows={editors}
        rowKey={(e) => e.id}
        cells={(e) => [
          `${e.displayName}${e.credentials ? `, ${e.credentials}` : ""}`,
          maskEmail(e.email),
          ROLE_LABELS[e.role as Role] ?? e.role,
          badgeLabel(e.badge),
          e.id === me.id ? (
            "you"
          ) : (
            <PostButton key="remove" action="/api/newsroom/editors/remove" id={e.id}>
              Remove<span className="visually-hidden"> {e.displayName}</span>
            </PostButton>
          ),
        ]}
      />
      <h2>Add an editor</h2>
      <form method="post" action="/api/newsroom/editors" className="newsroom-form">
        <label htmlFor="new-email">Email address</label>
        <input id="new-email" name="email" type="email" required autoComplete="off" />
        <label htmlFor="new-name">Name shown on their replies</label>
        <input id="new-name" name="displayName" maxLength={80} />
        <label htmlFor="new-credentials">Credentials (optional, e.g. PT, DPT)</label>
        <input id="new-credentials" name="credentials" maxLength={60} />
        <label htmlFor="new-role">Role</label>
        <select id="new-role" name="role" defaultValue="moderator">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <label htmlFor="new-badge">Badge on their replies</label>
        <select id="new-badge" name="badge" defaultValue="editor">
          {BADGES.map((b) => (
            <option key={b} value={b}>
              {BADGE_LABELS[b]}
            </option>
          ))}
        </select>
        <button type="submit">Add editor</button>
      </form>
    </div>
  );
}
