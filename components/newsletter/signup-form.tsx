"use client";

import Link from "next/link";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { showsCaptchaWidget, useCaptcha, type CaptchaWidget } from "@/components/captcha/use-captcha";
import { useFieldErrors } from "@/components/forms/use-field-errors";
import { NEWSLETTER_LIMITS } from "@/lib/newsletter/limits";

type State = { kind: "idle" } | { kind: "sending" } | { kind: "done"; message: string } | { kind: "error"; message: string };

/**
 * "Sign Me Up!": email, optional first name, the consent words, a captcha.
 * A plain form post without JavaScript (the server answers with a page);
 * with it, the answer appears in place.
 */
export function SignupForm({
  source,
  captcha,
  consentText,
  topics,
}: {
  source: string;
  captcha: CaptchaWidget;
  consentText: string;
  /** The topics fieldset, rendered on the server (components/newsletter/topics-fieldset.tsx). */
  topics?: ReactNode;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const { setErrors, field, error } = useFieldErrors(`${id}-`);
  const [state, setState] = useState<State>({ kind: "idle" });
  const { widgetRef: captchaRef, ...captchaBox } = useCaptcha(captcha, "subscribe", (message) =>
    setErrors((e) => ({ ...e, captcha: message })),
  );

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const data: Record<string, unknown> = Object.fromEntries(form);
    // Every ticked topic, not only the last (the server reads a plain post the same way).
    data.topics = form.getAll("topics");
    const { signupInput, fieldErrors } = await import("@/lib/newsletter/input");
    const checked = signupInput.safeParse(data);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      return;
    }
    const token = await captchaBox.token();
    if (token === undefined) return;
    if (token) data.captchaToken = token;
    setErrors({});
    setState({ kind: "sending" });
    try {
      const res = await fetch("/api/newsletter/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(data),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        setState({ kind: "done", message: body.message });
        formRef.current?.reset();
      } else {
        if (body.fields) setErrors(body.fields);
        if (body.field === "captcha") setErrors({ captcha: body.error });
        setState({ kind: "error", message: body.error ?? "Something went wrong. Please try again." });
      }
    } catch {
      setState({ kind: "error", message: "We could not reach the site. Please try again." });
    } finally {
      captchaBox.reset();
    }
  }

  if (state.kind === "done")
    return (
      <div role="status" className="notice signup-done">
        <p>{state.message}</p>
      </div>
    );

  return (
    <form ref={formRef} className="signup-form" method="post" action="/api/newsletter/subscribe" onSubmit={onSubmit}>
      <input type="hidden" name="source" value={source} />
      <div className="hp" aria-hidden="true">
        <label>
          Website <input type="text" name="website" tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      <div className="signup-fields">
        <p>
          <label htmlFor={`${id}-email`}>Email *</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            required
            maxLength={NEWSLETTER_LIMITS.email}
            autoComplete="email"
            {...field("email")}
          />
          {error("email")}
        </p>
        <p>
          <label htmlFor={`${id}-first`}>First name</label>
          <input
            id={`${id}-first`}
            name="firstName"
            maxLength={NEWSLETTER_LIMITS.firstName}
            autoComplete="given-name"
            {...field("firstName")}
          />
          {error("firstName")}
        </p>
      </div>
      {topics}
      {error("topics")}
      <p className="form-note">
        {consentText} <Link href="/privacy">Privacy notice</Link>.
      </p>
      {showsCaptchaWidget(captcha) ? <div ref={captchaRef} className="captcha" /> : null}
      {error("captcha")}
      <p>
        <button className="button" type="submit" disabled={state.kind === "sending"}>
          {state.kind === "sending" ? "Signing you up…" : "Sign Me Up!"}
        </button>
      </p>
      <div role="status" aria-live="polite">
        {state.kind === "error" ? <p className="field-error">{state.message}</p> : null}
      </div>
    </form>
  );
}
