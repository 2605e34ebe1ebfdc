// The comment rules bound to this process's configuration: database,
// captcha, rate limits, mail and email templates. Route handlers and the
// CLI take their dependencies from here; the rules live in lib/comments.
import "server-only";
import { emailTemplates } from "@/components/email/templates";
import { generatedContent } from "@/lib/content/generated";
import { content } from "@/lib/content";
import { CONFIRM_LINK_HOURS, confirmBrowserToken } from "@/lib/comments/identity";
import type { EditorDeps } from "@/lib/comments/editor";
import type { NameRules } from "@/lib/comments/names";
import type { SubmitDeps } from "@/lib/comments/submit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { mailer } from "@/lib/mail";
import { memoize } from "@/lib/memoize";
import { signingKeys } from "@/lib/security/keys";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { site } from "@/lib/site";
import { captchaTokenCheckFor } from "./captcha";

// One "confirm this browser" email per address a day, whoever asks.
const confirmBrowserLimit = memoize(() => createRateLimiter(db(), "comment-confirm-browser", { points: 1, durationSeconds: 86_400 }));

// The names commenters may not take, one object per set of documents (names.ts folds them once per object).
let nameRules: { authors: unknown; rules: NameRules } | undefined;
function staffNameRules(): NameRules {
  const { authors } = generatedContent();
  if (nameRules?.authors !== authors) nameRules = { authors, rules: { siteName: site.name, staffNames: authors.map((a) => a.name) } };
  return nameRules.rules;
}

export function submitDeps(onPublished: SubmitDeps["onPublished"]): SubmitDeps {
  const e = env();
  return {
    db: db(),
    policy: {
      maxLinks: e.COMMENT_MAX_LINKS,
      blockedWords: e.COMMENT_BLOCKED_WORDS,
      minSecondsToSubmit: e.COMMENT_MIN_SECONDS,
      duplicateWindowHours: 24,
    },
    names: staffNameRules(),
    articleExists: (slug) => content.isPublished(slug),
    checkCaptcha: captchaTokenCheckFor("comment"),
    limits: {
      perIp: { name: "comment-ip", points: e.COMMENT_RATE_PER_IP, durationSeconds: e.COMMENT_RATE_WINDOW_SECONDS },
      perEmail: { name: "comment-email", points: e.COMMENT_RATE_PER_EMAIL, durationSeconds: e.COMMENT_RATE_WINDOW_SECONDS },
    },
    onPublished,
    onUnconfirmedBrowser: async ({ email, emailHash, browserHash, articleSlug }) => {
      if (!(await confirmBrowserLimit().consume(emailHash)).ok) return;
      const token = confirmBrowserToken(signingKeys(), emailHash, browserHash, new Date());
      const rendered = await emailTemplates.confirmBrowser({
        siteName: site.name,
        articleTitle: content.articleBySlug(articleSlug)?.title ?? site.name,
        confirmUrl: `${e.PUBLIC_URL}/comments/confirm-browser?token=${encodeURIComponent(token)}`,
        validHours: CONFIRM_LINK_HOURS,
      });
      await mailer().send({ to: email, ...rendered });
    },
  };
}

export function editorDeps(onChanged: EditorDeps["onChanged"]): EditorDeps {
  const e = env();
  return {
    db: db(),
    mailer: mailer(),
    templates: emailTemplates,
    publicUrl: e.PUBLIC_URL,
    keys: signingKeys(),
    mailFrom: e.MAIL_FROM,
    siteName: site.name,
    articleTitle: (slug) => content.articleBySlug(slug)?.title,
    onChanged,
  };
}
