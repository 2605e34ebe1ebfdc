import type { SubmitResult } from "./submit";

/**
 * What a reader who posted without JavaScript is told on the status page.
 * The redirect carries only a code and field names, never free text, so the
 * page cannot be made to show words of someone else's choosing.
 */
export const OUTCOME_CODES = ["published", "held", "invalid", "captcha", "rate-limited", "duplicate"] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  email: "Email",
  website: "Website",
  body: "Comment",
  articleSlug: "Article",
  parentId: "Reply",
};

export function outcomeOf(r: SubmitResult): { code: OutcomeCode; fields?: string[] } {
  if (r.kind === "accepted") return { code: r.visible ? "published" : "held" };
  if (r.kind === "invalid") return { code: "invalid", fields: Object.keys(r.errors).filter((f) => f in FIELD_LABELS) };
  return { code: r.kind };
}

export function outcomeMessage(code: string | undefined, fields: string[] = []): string {
  switch (code) {
    case "invalid": {
      const names = fields.map((f) => FIELD_LABELS[f]).filter(Boolean);
      return names.length ? `Please check these fields: ${names.join(", ")}.` : "Something in the form was not valid.";
    }
    case "captcha":
      return "The verification did not pass. Please complete the “I'm not a robot” check (it needs JavaScript) and try again.";
    case "rate-limited":
      return "You are commenting faster than we allow. Please wait a few minutes and try again.";
    case "duplicate":
      return "It looks like you already posted that comment.";
    default:
      return "Your comment could not be posted.";
  }
}
