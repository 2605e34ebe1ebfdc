// Wires the comment rules to this process's configuration: database,
// captcha, rate limits and mail. Route handlers and the CLI use these.
import { memoize } from "../memoize";
import { captchaCheckFor } from "../captcha/runtime";
import { content } from "../content";
import { db } from "../db";
import { env } from "../env";
import { mailer } from "../mail";
import { createRateLimiter } from "../security/rate-limit";
import type { EditorDeps } from "./editor";
import type { SubmitDeps } from "./submit";

const limiters = memoize(() => {
  const e = env();
  const window = e.COMMENT_RATE_WINDOW_SECONDS;
  return {
    ip: createRateLimiter(db(), "comment-ip", { points: e.COMMENT_RATE_PER_IP, durationSeconds: window }),
    email: createRateLimiter(db(), "comment-email", { points: e.COMMENT_RATE_PER_EMAIL, durationSeconds: window }),
  };
});

export function submitDeps(onPublished: SubmitDeps["onPublished"]): SubmitDeps {
  const e = env();
  return {
    db: db(),
    policy: { maxLinks: e.COMMENT_MAX_LINKS, blockedWords: e.COMMENT_BLOCKED_WORDS, minSecondsToSubmit: e.COMMENT_MIN_SECONDS, duplicateWindowHours: 24 },
    articleExists: (slug) => content.articleBySlug(slug) !== undefined,
    verifyCaptcha: captchaCheckFor("comment"),
    limitByIp: (ip) => limiters().ip.consume(ip),
    limitByEmail: (email) => limiters().email.consume(email),
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
