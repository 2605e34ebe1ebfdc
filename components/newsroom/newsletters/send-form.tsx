import type { Topic } from "@/lib/newsletter/topics";

/**
 * Choose the topics, then send now or schedule. The topics form is a plain
 * GET that reloads the page with the count for those topics (no script);
 * the send form carries the topics and the exact number of people it goes
 * to, and the server refuses the send (and says the new number) if the
 * list changed in between.
 */
export function SendForm({
  slug,
  recipients,
  latest,
  topics,
  known,
}: {
  slug: string;
  recipients: number;
  latest?: string;
  topics: readonly string[];
  known: readonly Topic[];
}) {
  const people = `${recipients.toLocaleString("en")} ${recipients === 1 ? "person" : "people"}`;
  const titles = topics.map((t) => known.find((k) => k.slug === t)?.title ?? t);
  return (
    <>
      {known.length ? (
        <form method="get" action={`/newsroom/newsletters/${slug}`} className="newsroom-plain-form">
          <input type="hidden" name="chosen" value="1" />
          <fieldset>
            <legend>Topics</legend>
            <p>Tick none to send to everyone. Readers who take every topic receive any campaign.</p>
            {known.map((t) => (
              <label key={t.slug}>
                <input type="checkbox" name="topics" value={t.slug} defaultChecked={topics.includes(t.slug)} /> {t.title}
              </label>
            ))}
          </fieldset>
          <button type="submit">Count the recipients for these topics</button>
        </form>
      ) : null}
      <SendOnly slug={slug} recipients={recipients} latest={latest} topics={topics} people={people} titles={titles} />
    </>
  );
}

function SendOnly({
  slug,
  recipients,
  latest,
  topics,
  people,
  titles,
}: {
  slug: string;
  recipients: number;
  latest?: string;
  topics: readonly string[];
  people: string;
  titles: string[];
}) {
  return (
    <form method="post" action={`/api/newsroom/newsletters/${slug}/send`} className="newsroom-plain-form">
      <p data-testid="recipient-count">
        Right now this issue would go to <strong>{people}</strong>:{" "}
        {titles.length
          ? `confirmed subscribers who chose ${titles.join(" or ")} or take every topic, who have not paused`
          : "confirmed subscribers who have not paused"}
        , minus suppressed addresses.
      </p>
      <input type="hidden" name="expected" value={recipients} />
      {topics.map((t) => (
        <input key={t} type="hidden" name="topics" value={t} />
      ))}
      <fieldset>
        <legend>When</legend>
        <label>
          <input type="radio" name="when" value="now" defaultChecked /> Send now
        </label>
        <label>
          <input type="radio" name="when" value="later" /> Schedule for
        </label>
        <label htmlFor={`at-${slug}`}>Date and time (UTC)</label>
        <input id={`at-${slug}`} type="datetime-local" name="at" />
      </fieldset>
      {latest ? (
        <>
          <input type="hidden" name="after" value={latest} />
          <label>
            <input type="checkbox" name="resend" value="yes" /> Send again: everyone on the list receives this issue a second time
          </label>
        </>
      ) : null}
      <label>
        <input type="checkbox" name="confirm" value="yes" required /> Send this issue to {people}
      </label>
      <button type="submit">Confirm</button>
    </form>
  );
}
