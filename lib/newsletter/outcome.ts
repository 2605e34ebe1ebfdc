import type { SignupResult } from "./subscriptions";

/**
 * What a reader who signed up without JavaScript is told on the result page.
 * The redirect carries only a code and known field names, never free text,
 * so the page cannot be made to show words of someone else's choosing.
 */
const FIELD_LABELS: Record<string, string> = { email: "Email", firstName: "First name", source: "Signup location", topics: "Topics" };

export function signupOutcomeQuery(r: SignupResult): URLSearchParams {
  const q = new URLSearchParams({ result: r.kind });
  if (r.kind === "invalid")
    q.set(
      "fields",
      Object.keys(r.errors)
        .filter((f) => f in FIELD_LABELS)
        .join(","),
    );
  return q;
}

export function signupOutcomeMessage(code: string | undefined, fields: string[] = []): string {
  switch (code) {
    case "invalid": {
      const names = fields.map((f) => FIELD_LABELS[f]).filter(Boolean);
      return `Please check these fields: ${names.length ? names.join(", ") : "Email"}.`;
    }
    case "captcha":
      return "The verification did not pass. Please go back, check the box (it needs JavaScript) and try again.";
    case "rate-limited":
      return "Too many signups from your network just now. Please wait a few minutes and try again.";
    case "mail-failed":
      return "We could not send the confirmation email just now. Please try again in a few minutes.";
    default:
      return "Your signup did not go through. Please try again.";
  }
}
