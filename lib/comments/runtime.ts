// Wires the comment rules to this process's configuration: database,
// captcha, rate limits and mail. Route handlers and the CLI use these.
import { captchaTokenCheckFor } from "../captcha/runtime";
import { content } from "../content";
import { db } from "../db";
import { env } from "../env";
import { mailer } from "../mail";
import type { EditorDeps } from "./editor";
import type { SubmitDeps } from "./submit";

export function submitDeps(onPublished: SubmitDeps["onPublished"]): SubmitDeps {
  const e = env();
  return {
    db: db(),
    policy: { maxLinks: e.COMMENT_MAX_LINKS, blockedWords: e.COMMENT_BLOCKED_WORDS, minSecondsToSubmit: e.COMMENT_MIN_SECONDS, duplicateWindowHours: 24 },
    articleExists: (slug) => content.articleBySlug(slug) !== undefined,
    checkCaptcha: captchaTokenCheckFor("comment"),
    limits: {
      perIp: { name: "comment-ip", points: e.COMMENT_RATE_PER_IP, durationSeconds: e.COMMENT_RATE_WINDOW_SECONDS },
      perEmail: { name: "comment-email", points: e.COMMENT_RATE_PER_EMAIL, durationSeconds: e.COMMENT_RATE_WINDOW_SECONDS },
    },
    onPublished,
  };
}

export function editorDeps(onChanged: EditorDeps["onChanged"]): EditorDeps {
  const e = env();
  return {
    db: db(),
    mailer: mailer(),
    publicUrl: e.PUBLIC_URL,
    secret: e.SECRET_KEY,
    mailFrom: e.MAIL_FROM,
    articleTitle: (slug) => content.articleBySlug(slug)?.title,
    onChanged,
  };
}
