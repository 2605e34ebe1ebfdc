import type { SubscriberRecord } from "@/lib/newsroom/subscribers";
import type { TopicChoice } from "@/lib/newsletter/topics";
import { Table } from "../table";

const topicsText = (c: TopicChoice) => (c.all ? "every topic, including ones added later" : c.topics.join(", "));
const when = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

export function SubscriberRecordView({ record }: { record: SubscriberRecord }) {
  const s = record.subscriber;
  return (
    <>
      <h1>{s.email}</h1>
      <dl className="newsroom-record">
        <dt>State</dt>
        <dd>
          {s.status}
          {s.paused ? ", paused by the subscriber" : ""}
          {record.suppressed ? `, suppressed (${record.suppressed})` : ""}
        </dd>
        <dt>First name</dt>
        <dd>{s.firstName ?? "—"}</dd>
        <dt>Signed up</dt>
        <dd>{when(s.createdAt)}</dd>
        <dt>Confirmed</dt>
        <dd>{when(s.confirmedAt)}</dd>
        <dt>Consent given</dt>
        <dd>
          {when(s.consentAt)} from {s.consentIp ?? "an unknown network"}, via {s.consentSource ?? "unknown"}
        </dd>
        <dt>Topics</dt>
        <dd>{topicsText(record.topics)}</dd>
        <dt>Topics agreed to at signup</dt>
        <dd>{topicsText(record.consentTopics)}</dd>
        <dt>Consent text (version {s.consentTextVersion ?? "none"})</dt>
        <dd>
          {record.consentText ? (
            <blockquote>{record.consentText}</blockquote>
          ) : (
            "No consent text on record (imported, or an older version)."
          )}
        </dd>
      </dl>
      <h2>Deliveries</h2>
      {record.deliveries.length === 0 ? (
        <p>No newsletter has been sent to this subscriber yet.</p>
      ) : (
        <Table
          caption={`The latest ${record.deliveries.length} deliveries`}
          columns={["Issue", "Result", "Sent"]}
          rows={record.deliveries}
          rowKey={(d) => d.id}
          cells={(d) => [
            d.campaign.subject,
            `${d.status}${d.inDoubt ? " (resent after a crash)" : ""}${d.error ? `: ${d.error}` : ""}`,
            when(d.sentAt),
          ]}
        />
      )}
      <h2>Remove</h2>
      <form method="post" action={`/api/newsroom/subscribers/${s.id}`} className="newsroom-plain-form">
        <fieldset>
          <legend>Delete or erase this subscriber</legend>
          <p>
            <strong>Delete</strong> takes them off the list; the address is kept only as a hash so that no import or mistake mails them
            again. <strong>Erase</strong> also removes that hash and their delivery history: nothing remains, and an old list imported again
            could add them back.
          </p>
          <label>
            <input type="checkbox" name="confirm" value="yes" required /> I am sure
          </label>
          <div className="newsroom-plain-actions">
            <button type="submit" name="action" value="delete">
              Delete
            </button>
            <button type="submit" name="action" value="erase">
              Erase
            </button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
