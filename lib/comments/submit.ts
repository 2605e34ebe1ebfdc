import type { CaptchaResult } from "../captcha";
import type { Db } from "../db";
import type { LimitResult } from "../security/rate-limit";
import { commentInput, fieldErrors } from "./input";
import { intakeFacts, insertComment } from "./intake-store";
import { moderate, type ModerationPolicy } from "./moderation";
import { countLinks } from "./text";

export type CommentPolicy = ModerationPolicy & { minSecondsToSubmit: number; duplicateWindowHours: number };

export type SubmitDeps = {
  db: Db;
  policy: CommentPolicy;
  articleExists: (slug: string) => boolean;
  verifyCaptcha: (token: string | undefined, remoteIp: string) => Promise<CaptchaResult>;
  limitByIp: (ip: string) => Promise<LimitResult>;
  limitByEmail: (email: string) => Promise<LimitResult>;
  now?: () => Date;
  /** Called after commit when a comment becomes visible (regenerate the article page). */
  onPublished?: (comment: { id: string; articleSlug: string; parentId: string | null }) => Promise<void>;
};

export type SubmitResult =
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "captcha"; reason: string; message: string }
  | { kind: "rate-limited"; retryAfterSeconds: number; message: string }
  | { kind: "duplicate"; message: string }
  | { kind: "accepted"; id: string; visible: boolean };

const DAY_MS = 86_400_000;

/**
 * A reader's comment, start to finish: validate → captcha → rate limits →
 * references → duplicate check → moderation → one write → publish hook after
 * commit. Spam is stored (for the editor) but answered like a held comment,
 * so a bot learns nothing. Every refusal writes nothing.
 */
export async function submitComment(deps: SubmitDeps, raw: unknown, ctx: { ip: string }): Promise<SubmitResult> {
  const now = deps.now?.() ?? new Date();
  const parsed = commentInput.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", errors: fieldErrors(parsed.error) };
  const input = parsed.data;
  const email = input.email.toLowerCase();

  if (!deps.articleExists(input.articleSlug)) return { kind: "invalid", errors: { articleSlug: "There is no article with that address" } };

  const captcha = await deps.verifyCaptcha(input.captchaToken, ctx.ip);
  if (!captcha.ok) return { kind: "captcha", reason: captcha.reason, message: captcha.message };

  for (const limited of [await deps.limitByIp(ctx.ip), await deps.limitByEmail(email)]) {
    if (!limited.ok)
      return {
        kind: "rate-limited",
        retryAfterSeconds: limited.retryAfterSeconds,
        message: `You are commenting faster than we allow. Please wait ${limited.retryAfterSeconds} seconds and try again.`,
      };
  }

  const facts = await intakeFacts(deps.db, {
    articleSlug: input.articleSlug,
    parentId: input.parentId ?? null,
    email,
    body: input.body,
    duplicateSince: new Date(now.getTime() - deps.policy.duplicateWindowHours * 3_600_000),
  });
  if (input.parentId && facts.parentStatus !== "approved")
    return { kind: "invalid", errors: { parentId: "The comment you are replying to is not on this article" } };
  if (facts.duplicate) return { kind: "duplicate", message: "It looks like you already posted that comment." };

  const elapsedMs = input.renderedAt ? now.getTime() - input.renderedAt : undefined;
  const decision = moderate(
    {
      body: input.body,
      authorName: input.name,
      authorUrl: input.website,
      linkCount: countLinks(input.body) + (input.website ? 1 : 0),
      honeypotFilled: Boolean(input.company?.trim()),
      // Only when the form's script reported when typing began; a static
      // page cannot know when it was shown (no-JS readers skip this rule).
      submittedTooFast: elapsedMs !== undefined && elapsedMs >= 0 && elapsedMs < deps.policy.minSecondsToSubmit * 1000 && elapsedMs < DAY_MS,
      knownCommenter: facts.knownCommenter,
    },
    deps.policy,
  );

  const comment = {
    articleSlug: input.articleSlug,
    parentId: input.parentId ?? null,
    id: await insertComment(
      deps.db,
      {
        articleSlug: input.articleSlug,
        parentId: input.parentId ?? null,
        authorName: input.name,
        authorEmail: email,
        authorUrl: input.website ?? null,
        body: input.body,
        notifyReplies: input.notify,
        status: decision.status,
      },
      now,
    ),
  };
  const visible = decision.status === "approved";
  if (visible) await deps.onPublished?.(comment);
  return { kind: "accepted", id: comment.id, visible };
}
