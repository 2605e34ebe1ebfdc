"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { COMMENT_LIMITS as LIMITS } from "@/lib/comments/limits";

import { showsCaptchaWidget, useCaptcha, type CaptchaWidget } from "@/components/captcha/use-captcha";
import { useFieldErrors } from "@/components/forms/use-field-errors";

// The zod schema (lib/comments/input.ts) is loaded on first submit, so it
// costs the page nothing until a reader posts.
type State = { kind: "idle" } | { kind: "sending" } | { kind: "held" } | { kind: "published" } | { kind: "error"; message: string };

export function CommentForm({ articleSlug, captcha }: { articleSlug: string; captcha: CaptchaWidget }) {
  const formRef = useRef<HTMLFormElement>(null);
  const startedAt = useRef<number | undefined>(undefined);
  const { setErrors, field, error } = useFieldErrors();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [replyTo, setReplyTo] = useState<{ id: string; name: string } | null>(null);

  // Reply buttons are plain links in the server-rendered thread; one listener targets the form.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const link = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[data-reply-to]");
      if (!link) return;
      e.preventDefault();
      setReplyTo({ id: link.dataset.replyTo!, name: link.dataset.replyName ?? "" });
      formRef.current?.scrollIntoView({ block: "start" });
      formRef.current?.querySelector<HTMLTextAreaElement>("textarea")?.focus();
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  const { widgetRef: captchaRef, ...captchaBox } = useCaptcha(captcha, "comment", (message) =>
    setErrors((e) => ({ ...e, captcha: message })),
  );

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const data: Record<string, unknown> = Object.fromEntries(form);
    data.notify = form.get("notify") === "on";
    if (startedAt.current) data.renderedAt = startedAt.current;
    const { commentInput, fieldErrors } = await import("@/lib/comments/input");
    const checked = commentInput.safeParse(data);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      return;
    }
    const token = await captchaBox.token();
    if (token === undefined) return;
    if (token) data.captchaToken = token;
    setState({ kind: "sending" });
    setErrors({});
    try {
      const res = await fetch("/api/comments", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(data),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        setState({ kind: body.status === "published" ? "published" : "held" });
        formRef.current?.reset();
        setReplyTo(null);
      } else {
        if (body.fields) setErrors(body.fields);
        if (body.field === "captcha") setErrors({ captcha: body.error });
        setState({ kind: "error", message: body.error ?? "Your comment could not be posted. Please try again." });
      }
    } catch {
      setState({ kind: "error", message: "We could not reach the site. Your text is still here; please try again." });
    } finally {
      captchaBox.reset();
    }
  }

  return (
    <form
      ref={formRef}
      id="respond"
      className="comment-form"
      method="post"
      action="/api/comments"
      onSubmit={onSubmit}
      onFocus={() => (startedAt.current ??= Date.now())}
      noValidate={false}
    >
      <h3>{replyTo ? `Reply to ${replyTo.name}` : "Leave a Reply"}</h3>
      {replyTo ? (
        <p>
          <button type="button" className="link-button" onClick={() => setReplyTo(null)}>
            Cancel reply
          </button>
        </p>
      ) : null}
      <p className="form-note">Your email address will not be published. Required fields are marked *</p>
      <input type="hidden" name="articleSlug" value={articleSlug} />
      <input type="hidden" name="parentId" value={replyTo?.id ?? ""} />
      <div className="hp" aria-hidden="true">
        <label>
          Company <input type="text" name="company" tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      <p>
        <label htmlFor="comment-body">Comment *</label>
        <textarea id="comment-body" name="body" required maxLength={LIMITS.body} rows={6} {...field("body")} />
        {error("body")}
      </p>
      <p>
        <label htmlFor="comment-name">Name *</label>
        <input id="comment-name" name="name" required maxLength={LIMITS.name} autoComplete="name" {...field("name")} />
        {error("name")}
      </p>
      <p>
        <label htmlFor="comment-email">Email *</label>
        <input id="comment-email" name="email" type="email" required maxLength={LIMITS.email} autoComplete="email" {...field("email")} />
        {error("email")}
      </p>
      <p>
        <label htmlFor="comment-website">Website</label>
        <input id="comment-website" name="website" type="url" maxLength={LIMITS.website} autoComplete="url" {...field("website")} />
        {error("website")}
      </p>
      <p className="checkbox">
        <input id="comment-notify" name="notify" type="checkbox" />
        <label htmlFor="comment-notify">Notify me of replies by email</label>
      </p>
      {showsCaptchaWidget(captcha) ? <div ref={captchaRef} className="captcha" /> : null}
      {error("captcha")}
      <p>
        <button className="button" type="submit" disabled={state.kind === "sending"}>
          {state.kind === "sending" ? "Posting…" : "Post Comment"}
        </button>
      </p>
      <div role="status" aria-live="polite">
        {state.kind === "held" ? <p className="notice">Thank you! Your comment is awaiting moderation.</p> : null}
        {state.kind === "published" ? (
          <p className="notice">Thank you! Your comment is published; it appears on the page in a moment.</p>
        ) : null}
        {state.kind === "error" ? <p className="field-error">{state.message}</p> : null}
      </div>
    </form>
  );
}
