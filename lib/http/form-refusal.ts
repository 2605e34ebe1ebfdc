/**
 * The refusals both reader forms can get (a comment, a newsletter signup):
 * fields to correct, a captcha to redo, or too many tries. One JSON answer
 * for each, so the two forms' scripts read them the same way.
 */
export type FormRefusal =
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "captcha"; reason: string; message: string }
  | { kind: "rate-limited"; retryAfterSeconds: number; message: string };

export function refusalJson(r: FormRefusal): Response {
  switch (r.kind) {
    case "invalid":
      return Response.json({ error: "Please correct the highlighted fields", fields: r.errors }, { status: 400 });
    case "captcha":
      return Response.json({ error: r.message, field: "captcha", reason: r.reason }, { status: 403 });
    case "rate-limited":
      return Response.json({ error: r.message }, { status: 429, headers: { "Retry-After": String(r.retryAfterSeconds) } });
  }
}
