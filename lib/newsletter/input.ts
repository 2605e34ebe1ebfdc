import { z } from "zod";
import { personNameProblem } from "../text/person-name";
import { CONSENT_SOURCE, NEWSLETTER_LIMITS } from "./limits";
import { topicsField } from "./topics";

/** The signup form, checked the same way in the browser and on the server. */
export { NEWSLETTER_LIMITS };

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A first name: optional, short, and only a name (it is used in the welcome email and issues). */
const firstName = optionalText(NEWSLETTER_LIMITS.firstName, "First name").superRefine((v, ctx) => {
  const problem = v === undefined ? undefined : personNameProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem.replace(/^Name/, "First name") });
});

export const signupInput = z.object({
  email: z
    .string({ error: "Email is required" })
    .trim()
    .min(1, "Email is required")
    .max(NEWSLETTER_LIMITS.email, "That email address is too long")
    .pipe(z.email("Please enter a valid email address")),
  firstName,
  source: z.string().regex(CONSENT_SOURCE, "Unknown signup location").default("newsletter-page"),
  /** Ticked topics (category slugs); none ticked is everything (lib/newsletter/topics.ts). */
  topics: topicsField,
  captchaToken: z.string().max(4096).optional(),
  /** Honeypot: people never see it, bots fill it. */
  website: z.string().max(200).optional(),
});

export type SignupInput = z.infer<typeof signupInput>;

export const preferencesInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("update"), firstName }),
  z.object({ action: z.literal("topics"), topics: topicsField }),
  z.object({ action: z.literal("pause") }),
  z.object({ action: z.literal("resume") }),
  z.object({ action: z.literal("unsubscribe") }),
  z.object({ action: z.literal("delete"), confirm: z.literal("yes", { error: "Tick the box to confirm you want everything deleted" }) }),
]);

export { fieldErrors } from "../field-errors";
