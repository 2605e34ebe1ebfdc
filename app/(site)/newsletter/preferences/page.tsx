import type { ReactNode } from "react";
import { signingKeys } from "@/lib/security/keys";
import { db } from "@/lib/db";
import { maskEmail } from "@/lib/newsletter/address";
import { subscriberForPreferences } from "@/lib/newsletter/subscriptions";
import { readManageToken } from "@/lib/newsletter/tokens";
import { choiceOfRow, describeChoice } from "@/lib/newsletter/topics";
import { TopicsFieldset } from "@/components/newsletter/topics-fieldset";
import { siteTopics } from "@/wiring/newsletter";

// Reached from every email. The signed token is the key, so the page shows
// (referrer "same-origin": the token never leaks to other sites, yet the
// forms keep the Origin header our origin check needs)
// the address masked and every change is a form post with that token.
export const metadata = { title: "Newsletter preferences", robots: { index: false }, referrer: "same-origin" as const };

const DONE: Record<string, string> = {
  saved: "Your name is saved.",
  topics: "Your topics are saved.",
  "bad-topics": "Those topics could not be saved: choose from the list below.",
  paused: "Paused: we will not send you issues until you resume.",
  resumed: "Welcome back: issues will arrive again.",
  invalid: "That change could not be saved. Please check the form and try again.",
  "confirm-delete": "To delete your data, tick the box to confirm.",
};

type Props = { searchParams: Promise<{ token?: string; done?: string }> };

export default async function Preferences({ searchParams }: Props) {
  const { token = "", done } = await searchParams;
  const id = readManageToken(signingKeys(), token);
  const sub = id ? await subscriberForPreferences(db(), id) : null;
  if (!id || !sub)
    return (
      <div className="narrow">
        <h1>Newsletter preferences</h1>
        <p role="alert">
          {id
            ? "There is no subscription for this link any more: you have unsubscribed or deleted your data."
            : "This preferences link is not valid. It may have been cut short by your email program."}
        </p>
      </div>
    );
  const topics = siteTopics();
  const choice = choiceOfRow(sub);
  return (
    <div className="narrow preferences">
      <h1>Newsletter preferences</h1>
      <p>
        Subscription for <strong>{maskEmail(sub.email)}</strong>:{" "}
        {sub.status === "pending" ? "waiting for you to confirm" : sub.paused ? "paused" : "active"}.
      </p>
      {done && DONE[done] ? (
        <p role="status" className={done === "invalid" || done === "confirm-delete" || done === "bad-topics" ? "field-error" : "notice"}>
          {DONE[done]}
        </p>
      ) : null}

      <PrefForm token={token} action="update" title="Your name" submit="Save">
        <p>
          <label htmlFor="pref-first">First name (used in the greeting)</label>
          <input id="pref-first" name="firstName" defaultValue={sub.firstName ?? ""} maxLength={60} autoComplete="given-name" />
        </p>
      </PrefForm>

      <PrefForm token={token} action="topics" title="Your topics" submit="Update my topics">
        <p data-testid="topics-now">
          You receive: <strong>{describeChoice(choice, topics)}</strong>.
        </p>
        <TopicsFieldset topics={topics} checked={choice.all ? [] : choice.topics} idPrefix="pref" />
      </PrefForm>

      {sub.status === "confirmed" ? (
        <PrefForm
          token={token}
          action={sub.paused ? "resume" : "pause"}
          title={sub.paused ? "Resume" : "Take a break"}
          submit={sub.paused ? "Resume the newsletter" : "Pause the newsletter"}
        >
          <p>{sub.paused ? "Start receiving issues again." : "Stop issues for now without losing your subscription."}</p>
        </PrefForm>
      ) : null}

      <PrefForm token={token} action="export" title="Your data" submit="Download my data">
        <p>Everything we store about your subscription, including when and where you gave consent, as a JSON file.</p>
      </PrefForm>

      <PrefForm token={token} action="unsubscribe" title="Unsubscribe" submit="Unsubscribe" />

      <PrefForm token={token} action="delete" title="Delete my data" submit="Delete my data" danger>
        <p className="checkbox">
          <input id="pref-delete" type="checkbox" name="confirm" value="yes" required />
          <label htmlFor="pref-delete">I understand this unsubscribes me and deletes my name, address and consent record.</label>
        </p>
      </PrefForm>
    </div>
  );
}

/** One of the page's forms: each posts the token and its own action. */
function PrefForm(props: { token: string; action: string; title: string; submit: string; danger?: boolean; children?: ReactNode }) {
  return (
    <form method="post" action="/api/newsletter/preferences" className="pref-block">
      <h2>{props.title}</h2>
      <input type="hidden" name="token" value={props.token} />
      <input type="hidden" name="action" value={props.action} />
      {props.children}
      <button className={props.danger ? "button danger" : "button"} type="submit">
        {props.submit}
      </button>
    </form>
  );
}
