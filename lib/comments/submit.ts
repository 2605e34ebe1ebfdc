import { reusedToken, type CaptchaCheck } from "../captcha";
import type { Db } from "../db";
import { transact } from "../db/transaction";
import type { Limit } from "../security/rate-limit";
import { commentInput, fieldErrors } from "./input";
import { intake } from "./intake";
import { addressKey } from "./ip-ranges";
import { rateLimitKey, truncatedAddress } from "../security/client-address";
import { browserHashOf, emailHashOf } from "./identity";
import { moderate, UNCONFIRMED_BROWSER, type ModerationPolicy } from "./moderation";
import { nameProblem, type NameRules } from "./names";
import { countLinks } from "./text";
import type { FormRefusal } from "../http/form-refusal";

export type CommentPolicy = ModerationPolicy & { minSecondsToSubmit: number; duplicateWindowHours: number };

export type SubmitDeps = {
  db: Db;
  policy: CommentPolicy;
  /** Names commenters may not take (the site's, its authors' and reviewers'). */
  names: NameRules;
  /** Per client address and per email; `name` keeps their counters apart. */
  limits: { perIp: Limit & { name: string }; perEmail: Limit & { name: string } };
  articleExists: (slug: string) => boolean;
  /** Asks the captcha provider; the token is claimed as used in the comment's transaction. */
  checkCaptcha: (token: string | undefined, remoteIp: string) => Promise<CaptchaCheck>;
  now?: () => Date;
  /** Called after commit when a comment becomes visible (regenerate the article page). */
  onPublished?: (comment: { id: string; articleSlug: string; parentId: string | null }) => Promise<void>;
  /**
   * Called after commit when a known commenter's comment was held only
   * because this browser is not yet tied to their address: email them a
   * link that ties it (decision 0014). The poster's answer does not change.
   */
  onUnconfirmedBrowser?: (c: { email: string; emailHash: string; browserHash: string; articleSlug: string }) => Promise<void>;
};

export type SubmitResult = FormRefusal | { kind: "duplicate"; message: string } | { kind: "accepted"; id: string; visible: boolean };

const DAY_MS = 86_400_000;

/**
 * A reader's comment, start to finish: validate → captcha → one transaction
 * (token claim, rate limits, reply target, duplicate check, moderation,
 * write) → publish hook after commit. Spam is stored (for the editor) but
 * answered like a held comment, so a bot learns nothing. A refusal stores
 * no comment.
 */
export async function submitComment(deps: SubmitDeps, raw: unknown, ctx: { ip: string; browserId: string }): Promise<SubmitResult> {
  const now = deps.now?.() ?? new Date();
  const parsed = commentInput.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", errors: fieldErrors(parsed.error) };
  const input = parsed.data;
  const email = input.email.toLowerCase();
  const badName = nameProblem(input.name, deps.names);
  if (badName) return { kind: "invalid", errors: { name: badName } };

  if (!deps.articleExists(input.articleSlug)) return { kind: "invalid", errors: { articleSlug: "There is no article with that address" } };

  const captcha = await deps.checkCaptcha(input.captchaToken, ctx.ip);
  if (!captcha.ok) return { kind: "captcha", reason: captcha.reason, message: captcha.message };

  const { perIp, perEmail } = deps.limits;
  const elapsedMs = input.renderedAt ? now.getTime() - input.renderedAt : undefined;
  const comment = {
    articleSlug: input.articleSlug,
    parentId: input.parentId ?? null,
    authorName: input.name,
    authorEmail: email,
    authorUrl: input.website ?? null,
    body: input.body,
    notifyReplies: input.notify,
    ipPrefix: truncatedAddress(ctx.ip),
    browserHash: browserHashOf(ctx.browserId),
  };
  const emailHash = emailHashOf(email);
  const outcome = await transact(deps.db, () =>
    intake({
      tokenHash: captcha.tokenHash,
      limits: [
        { key: `${perIp.name}:${rateLimitKey(ctx.ip)}`, limit: perIp },
        { key: `${perEmail.name}:${email}`, limit: perEmail },
      ],
      comment,
      emailHash,
      addressKey: addressKey(ctx.ip),
      duplicateSince: new Date(now.getTime() - deps.policy.duplicateWindowHours * 3_600_000),
      now,
      decide: ({ knownCommenter, knownEmail, blocked }) =>
        moderate(
          {
            body: input.body,
            authorName: input.name,
            authorUrl: input.website,
            linkCount: countLinks(input.body) + (input.website ? 1 : 0),
            honeypotFilled: Boolean(input.company?.trim()),
            // Only when the form's script reported when typing began; a static
            // page cannot know when it was shown (no-JS readers skip this rule).
            submittedTooFast:
              elapsedMs !== undefined && elapsedMs >= 0 && elapsedMs < deps.policy.minSecondsToSubmit * 1000 && elapsedMs < DAY_MS,
            knownCommenter,
            knownEmail,
            blocked,
          },
          deps.policy,
        ),
    }),
  );

  switch (outcome.kind) {
    case "reused-token": {
      const r = reusedToken();
      return { kind: "captcha", reason: r.reason, message: r.message };
    }
    case "rate-limited":
      return {
        kind: "rate-limited",
        retryAfterSeconds: outcome.retryAfterSeconds,
        message: `You are commenting faster than we allow. Please wait ${outcome.retryAfterSeconds} seconds and try again.`,
      };
    case "bad-parent":
      return { kind: "invalid", errors: { parentId: "The comment you are replying to is not on this article" } };
    case "duplicate":
      return { kind: "duplicate", message: "It looks like you already posted that comment." };
    case "stored": {
      const visible = outcome.status === "approved";
      if (visible) await deps.onPublished?.({ id: outcome.id, articleSlug: comment.articleSlug, parentId: comment.parentId });
      if (outcome.reason === UNCONFIRMED_BROWSER)
        await deps
          .onUnconfirmedBrowser?.({ email, emailHash, browserHash: comment.browserHash, articleSlug: comment.articleSlug })
          .catch(() => {
            // The comment is stored and waits for an editor either way.
          });
      return { kind: "accepted", id: outcome.id, visible };
    }
  }
}
