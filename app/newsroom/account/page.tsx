import { Notice, PostButton } from "@/components/newsroom/console-chrome";
import { PasskeyRegister } from "@/components/newsroom/passkeys";
import { Table } from "@/components/newsroom/table";
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
      <Notice notice={q.notice} error={q.error} />
      {editor.local ? (
        <p>Local mode signs you in without a session. With a mail relay configured, each browser you sign in from is listed here.</p>
      ) : (
        <>
          <p>Every browser signed in as you. End any you do not recognise, or sign out everywhere.</p>
          <Table
            region="Your sessions"
            columns={["Device", "Network", "Signed in (UTC)", "Last seen (UTC)", "Ends (UTC)", { hidden: "Action" }]}
            rows={sessions}
            rowKey={(s) => s.id}
            cells={(s) => [
              <>
                {s.userAgent ?? "Unknown browser"}
                {s.id === editor.sessionId ? <strong> (this browser)</strong> : null}
              </>,
              s.ipPrefix ?? "unknown",
              when.format(s.createdAt),
              when.format(s.lastSeenAt),
              when.format(s.expiresAt),
              s.id === editor.sessionId ? null : (
                <PostButton key="end" action="/api/newsroom/sessions" id={s.id}>
                  End
                </PostButton>
              ),
            ]}
          />
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
            <Table
              region="Your passkeys"
              columns={["Name", "Kind", "Added (UTC)", "Last used (UTC)", { hidden: "Action" }]}
              rows={passkeys}
              rowKey={(p) => p.id}
              cells={(p) => [
                p.name,
                p.deviceType === "multiDevice" ? "Synced across devices" : "This device only",
                when.format(p.createdAt),
                p.lastUsedAt ? when.format(p.lastUsedAt) : "Never",
                <PostButton key="remove" action="/api/newsroom/passkeys/remove" id={p.id} label={`Remove the passkey ${p.name}`}>
                  Remove
                </PostButton>,
              ]}
            />
          )}
          <PasskeyRegister />
        </>
      )}
    </div>
  );
}
