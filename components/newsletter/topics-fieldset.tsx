import type { Topic } from "@/lib/newsletter/topics";

/**
 * The topics a reader may choose: plain checkboxes, rendered on the server
 * and posted with the form (no script). Nothing ticked is everything,
 * including topics added later (decision 0044); `checked` shows a saved
 * choice on the preferences page.
 */
export function TopicsFieldset({
  topics,
  checked = [],
  idPrefix,
  error,
}: {
  topics: readonly Topic[];
  checked?: readonly string[];
  idPrefix: string;
  error?: string;
}) {
  if (topics.length === 0) return null;
  return (
    <fieldset className="topics-fieldset" aria-describedby={`${idPrefix}-topics-note`}>
      <legend>Topics</legend>
      <p id={`${idPrefix}-topics-note`} className="form-note">
        Tick the topics you want. Tick none to get everything, including topics we add later.
      </p>
      <ul>
        {topics.map((t) => (
          <li key={t.slug}>
            <label>
              <input type="checkbox" name="topics" value={t.slug} defaultChecked={checked.includes(t.slug)} /> {t.title}
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
