import { z } from "zod";

import { COMMENT_LIMITS } from "./limits";

export { COMMENT_LIMITS };

const optionalUrl = z
  .string()
  .trim()
  .max(COMMENT_LIMITS.website, `Website must be at most ${COMMENT_LIMITS.website} characters`)
  .transform((v) => (v === "" ? undefined : /^https?:\/\//i.test(v) ? v : `https://${v}`))
  .pipe(z.url({ protocol: /^https?$/, message: "Website must be a web address like https://example.org" }).optional());

/**
 * One comment as a reader submits it. Used by the browser form (field
 * messages) and by the server (the only gate), so both say the same thing.
 */
export const commentInput = z.object({
  articleSlug: z
    .string({ error: "Article is missing" })
    .trim()
    .min(1, "Article is missing")
    .max(200)
    .regex(/^[a-z0-9-]+$/, "Article is not valid"),
  parentId: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "Reply target is not valid")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name is required")
    .max(COMMENT_LIMITS.name, `Name must be at most ${COMMENT_LIMITS.name} characters`),
  email: z
    .string({ error: "Email is required" })
    .trim()
    .min(1, "Email is required")
    .max(COMMENT_LIMITS.email)
    .pipe(z.email("Email must be a valid address, like you@example.com")),
  website: optionalUrl.optional(),
  body: z
    .string({ error: "Comment is required" })
    .trim()
    .min(1, "Comment is required")
    .max(COMMENT_LIMITS.body, `Comment must be at most ${COMMENT_LIMITS.body.toLocaleString("en-US")} characters`),
  notify: z
    .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
  /** Honeypot: hidden from people; bots fill it. */
  company: z.string().max(200).optional(),
  /** When the form was rendered (ms since epoch), for the minimum time-to-submit. */
  renderedAt: z.coerce.number().int().nonnegative().optional(),
  captchaToken: z.string().max(4096).optional(),
});

export type CommentInput = z.infer<typeof commentInput>;

export { fieldErrors } from "../field-errors";
