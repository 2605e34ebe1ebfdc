import { Notice, TableWrap } from "@/components/newsroom/console-chrome";
import { db } from "@/lib/db";
import { listEditors, maskEmail } from "@/lib/newsroom/editors";
import { BADGE_LABELS, BADGES, ROLE_LABELS, ROLES, badgeLabel, type Role } from "@/lib/newsroom/roles";
import { requireEditor } from "@/wiring/newsroom";

export const dynamic = "force-dynamic";
export const metadata = { title: "Editors" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function Editors({ searchParams }: Props) {
  const me = await requireEditor("admin");
  const q = await searchParams;
  const editors = await listEditors(db());
  return (
    <div>
      <h1>Editors</h1>
      <Notice notice={one(q.notice)} error={one(q.error)} />
      <p>
        People who may sign in to the newsroom. Addresses are shown masked; the operator sees them with <code>npm run editors -- list</code>
        .
      </p>
      <TableWrap label="Editors">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Role</th>
              <th scope="col">Badge on replies</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {editors.map((e) => (
              <tr key={e.id}>
                <td>
                  {e.displayName}
                  {e.credentials ? `, ${e.credentials}` : ""}
                </td>
                <td>{maskEmail(e.email)}</td>
                <td>{ROLE_LABELS[e.role as Role] ?? e.role}</td>
                <td>{badgeLabel(e.badge)}</td>
                <td>
                  {e.id === me.id ? (
                    "you"
                  ) : (
                    <form method="post" action="/api/newsroom/editors/remove">
                      <input type="hidden" name="id" value={e.id} />
                      <button type="submit">
                        Remove<span className="visually-hidden"> {e.displayName}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
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
