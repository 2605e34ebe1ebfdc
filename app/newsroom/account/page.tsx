import { Notice, TableWrap } from "@/components/newsroom/console-chrome";
import { PasskeyRegister } from "@/components/newsroom/passkeys";
import { db } from "@/lib/db";
import { listPasskeys } from "@/lib/newsroom/passkeys";
import { listSessions } from "@/lib/newsroom/sessions";
import { requireEditor } from "@/wiring/newsroom";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your sessions and passkeys" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Account({ searchParams }: Props) {
  const editor = await requireEditor("moderator");
  const q = await searchParams;
  const sessions = editor.local ? [] : await listSessions(db(), editor.id);
  const passkeys = editor.local ? [] : await listPasskeys(db(), editor.id);
  return (
    <div>
      <h1>Your sessions</h1>
      <Notice notice={typeof q.notice === "string" ? q.notice : undefined} error={typeof q.error === "string" ? q.error : undefined} />
      {editor.local ? (
        <p>Local mode signs you in without a session. With a mail relay configured, each browser you sign in from is listed here.</p>
      ) : (
        <>
          <p>Every browser signed in as you. End any you do not recognise, or sign out everywhere.</p>
          <TableWrap label="Your sessions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Network</th>
                  <th scope="col">Signed in (UTC)</th>
                  <th scope="col">Last seen (UTC)</th>
                  <th scope="col">Ends (UTC)</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.userAgent ?? "Unknown browser"}
                      {s.id === editor.sessionId ? <strong> (this browser)</strong> : null}
                    </td>
                    <td>{s.ipPrefix ?? "unknown"}</td>
                    <td>{when.format(s.createdAt)}</td>
                    <td>{when.format(s.lastSeenAt)}</td>
                    <td>{when.format(s.expiresAt)}</td>
                    <td>
                      {s.id === editor.sessionId ? null : (
                        <form method="post" action="/api/newsroom/sessions">
                          <input type="hidden" name="id" value={s.id} />
                          <button type="submit">End</button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <form method="post" action="/api/newsroom/sign-out">
            <input type="hidden" name="everywhere" value="1" />
            <button type="submit">Sign out everywhere</button>
          </form>

          <h2 id="passkeys">Your passkeys</h2>
          <p>
            A passkey signs you in with this device&apos;s lock (fingerprint, face or PIN) instead of an emailed link. The link keeps
            working too.
          </p>
          {passkeys.length === 0 ? (
            <p>You have no passkeys yet.</p>
          ) : (
            <TableWrap label="Your passkeys">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Added (UTC)</th>
                    <th scope="col">Last used (UTC)</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {passkeys.map((p) => (
                    <tr key={p.id} data-passkey>
                      <td>{p.name}</td>
                      <td>{p.deviceType === "multiDevice" ? "Synced across devices" : "This device only"}</td>
                      <td>{when.format(p.createdAt)}</td>
                      <td>{p.lastUsedAt ? when.format(p.lastUsedAt) : "Never"}</td>
                      <td>
                        <form method="post" action="/api/newsroom/passkeys/remove">
                          <input type="hidden" name="id" value={p.id} />
                          <button type="submit" aria-label={`Remove the passkey ${p.name}`}>
                            Remove
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <PasskeyRegister />
        </>
      )}
    </div>
  );
}
