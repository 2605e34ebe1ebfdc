import "server-only";
import { existsSync } from "node:fs";
import { z } from "zod";
import { isTimeZone } from "./content/publication-time";
import { parseTrustProxy } from "./security/client-address";

/**
 * Configuration, validated once. The mode is an explicit setting (APP_MODE),
 * never NODE_ENV, because `next start` always sets NODE_ENV=production.
 *   local       the default: SQLite, dev mail outbox, captcha off, all said loudly
 *   production  declared by the operator; refuses to start with anything missing
 */
const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z
  .object({
    APP_MODE: z.enum(["local", "production"]).default("local"),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
      .default("file:./data/app.db"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    // How long a PostgreSQL query waits for a free pooled connection before the
    // request is answered 503 + Retry-After (lib/db/errors.ts) instead of hanging.
    DATABASE_POOL_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(60).default(5),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // JSON lines for log tools; readable lines in local mode unless set.
    LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    // Bearer token of GET /api/metrics; without it the endpoint does not exist (404).
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (e.g. `openssl rand -hex 24`)").optional(),
    // Several instances share generated pages through Redis (lib/http/redis-page-cache.mjs,
    // which Next loads unbundled and which reads these two from process.env itself).
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379")
      .optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w.:-]{1,64}$/, "letters, digits and . : _ - only (at most 64)")
      .default("spine-press:"),
    SECRET_KEY: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
    SECRET_KEY_PREVIOUS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().min(32, "each previous key must be at least 32 characters"))),
    HOST: z.string().min(1).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Read by `next build`: how many of the newest articles it renders ahead (decision 0051).
    PRERENDER_ARTICLES: z.coerce.number().int().min(0).max(100_000).default(200),
    TRUST_PROXY: z
      .string()
      .default("0")
      .transform((v, ctx) => {
        const parsed = parseTrustProxy(v);
        if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
        return typeof parsed === "string" ? z.NEVER : parsed;
      }),
    CSP_REPORT_URI: z.url({ protocol: /^https?$/ }).optional(),
    REQUEST_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@mail.example.com:465")
      .optional(),
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
    MAIL_FROM: z
      .string()
      .regex(/^([^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address, e.g. "Back in Motion <news@example.com>"')
      .optional(),
    CAPTCHA_PROVIDER: z.enum(["off", "recaptcha-v2", "recaptcha-v3", "turnstile", "hcaptcha"]).optional(),
    CAPTCHA_SITE_KEY: z.string().min(1).optional(),
    CAPTCHA_SECRET_KEY: z.string().min(1).optional(),
    CAPTCHA_VERIFY_URL: z.url().optional(),
    CAPTCHA_SCRIPT_URL: z.url().optional(),
    CAPTCHA_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.5),
    SHOW_UNPUBLISHED: bool.default(false),
    // The zone of a `published` value written without one (decision 0018); lib/content reads it on its own.
    PUBLICATION_TIME_ZONE: z.string().default("UTC").refine(isTimeZone, "must be a time zone name, e.g. Europe/London or America/New_York"),
    OUTBOX_DIR: z.string().min(1).default("outbox"),
    COMMENT_MAX_LINKS: z.coerce.number().int().min(0).max(50).default(2),
    COMMENT_BLOCKED_WORDS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((w) => w.trim())
          .filter(Boolean),
      ),
    COMMENT_MIN_SECONDS: z.coerce.number().min(0).max(60).default(3),
    COMMENT_ERASE_KEEPS_TEXT: bool.default(true),
    COMMENT_RATE_PER_IP: z.coerce.number().int().min(1).default(5),
    COMMENT_RATE_PER_EMAIL: z.coerce.number().int().min(1).default(3),
    COMMENT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    NEWSLETTER_CONFIRM_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(48),
    NEWSLETTER_REJECT_DISPOSABLE: bool.default(true),
    NEWSLETTER_REJECT_ROLE: bool.default(false),
    NEWSLETTER_RATE_PER_IP: z.coerce.number().int().min(1).default(5),
    NEWSLETTER_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    NEWSLETTER_UNSUBSCRIBE_MAILTO: z.email().optional(),
    NEWSLETTER_RATE_PER_SECOND: z.coerce.number().min(0).default(0),
    NEWSLETTER_RATE_PER_HOUR: z.coerce.number().int().min(0).default(0),
    NEWSLETTER_ERROR_THRESHOLD: z.coerce.number().int().min(1).default(25),
    NEWSLETTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    NEWSLETTER_RETRY_SECONDS: z.coerce.number().int().min(1).default(60),
    NEWSLETTER_WORKER_LEASE_SECONDS: z.coerce.number().int().min(5).default(60),
    // After delivery (issue #18, lib/audience): bounces, complaints and mailed unsubscribes.
    NEWSLETTER_BOUNCE_ADDRESS: z.email().optional(),
    NEWSLETTER_SOFT_BOUNCE_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
    NEWSLETTER_SOFT_BOUNCE_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    BOUNCE_IMAP_URL: z
      .string()
      .regex(/^imaps?:\/\/[^/]+/, "must be an imap:// or imaps:// URL, e.g. imaps://user:pass@mail.example.com/INBOX")
      .optional(),
    BOUNCE_IMAP_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
    NEWSLETTER_CLICK_COUNTING: bool.default(true),
    CLICK_SCANNER_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    CLICK_FLUSH_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    WEBHOOK_SES_ENABLED: bool.default(false),
    WEBHOOK_SES_TOPIC_ARNS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((a) => a.trim())
          .filter(Boolean),
      ),
    WEBHOOK_SES_CERT_URL_PATTERN: z
      .string()
      .default("^https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/")
      .refine((v) => {
        try {
          new RegExp(v);
          return v.startsWith("^");
        } catch {
          return false;
        }
      }, "must be a regular expression anchored with ^"),
    WEBHOOK_POSTMARK_BASIC_AUTH: z
      .string()
      .regex(/^[^:]+:.{16,}$/, "must be user:password with a password of at least 16 characters")
      .optional(),
    WEBHOOK_MAILGUN_SIGNING_KEY: z.string().min(16).optional(),
    WEBHOOK_SENDGRID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/=\s]{40,}$/, "must be the base64 public key from SendGrid's settings")
      .optional(),
    WEBHOOK_RESEND_SECRET: z
      .string()
      .regex(
        /^whsec_(?:[A-Za-z0-9+/]{4}){6,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
        'must be the webhook\'s signing secret from Resend: "whsec_" followed by base64',
      )
      .optional(),
    WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
    // The newsroom (editors' console, decision 0040).
    NEWSROOM_ADMIN_EMAIL: z.email().optional(),
    NEWSROOM_SESSION_IDLE_HOURS: z.coerce.number().min(0.1).max(720).default(12),
    NEWSROOM_SESSION_MAX_DAYS: z.coerce.number().min(0.1).max(90).default(14),
    NEWSROOM_SIGN_IN_RATE_PER_ADDRESS: z.coerce.number().int().min(1).default(5),
    NEWSROOM_SIGN_IN_RATE_PER_IP: z.coerce.number().int().min(1).default(20),
    DKIM_DOMAIN: z.string().min(1).optional(),
    DKIM_SELECTOR: z.string().min(1).optional(),
    DKIM_PRIVATE_KEY: z.string().min(1).optional(),
    DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const dkim = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY ?? env.DKIM_PRIVATE_KEY_FILE];
    if (dkim.some(Boolean) && !dkim.every(Boolean))
      ctx.addIssue({
        code: "custom",
        path: ["DKIM_DOMAIN"],
        message: "DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE) together",
      });
    if (env.APP_MODE !== "production") return;
    const need = (key: keyof typeof env, what: string) => {
      if (env[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `is required in production: ${what}` });
    };
    need("PUBLIC_URL", "the site's public https:// address, used in links, feeds and emails");
    need("SECRET_KEY", "signs unsubscribe and confirmation links (`openssl rand -hex 32`)");
    if (env.SECRET_KEY === LOCAL_SECRET || env.SECRET_KEY_PREVIOUS.includes(LOCAL_SECRET))
      ctx.addIssue({
        code: "custom",
        path: ["SECRET_KEY"],
        message: "is the built-in local key, which is public: generate your own (`openssl rand -hex 32`)",
      });
    need("SMTP_URL", "the SMTP relay that sends confirmation emails and newsletters");
    need("MAIL_FROM", 'the sender of every email, on a domain your relay may send for, e.g. "Back in Motion <news@example.com>"');
    need("CAPTCHA_PROVIDER", "recaptcha-v2, recaptcha-v3, turnstile, hcaptcha, or off to run without a captcha on purpose");
    if (env.CAPTCHA_PROVIDER && env.CAPTCHA_PROVIDER !== "off") {
      need("CAPTCHA_SITE_KEY", `the ${env.CAPTCHA_PROVIDER} site key`);
      need("CAPTCHA_SECRET_KEY", `the ${env.CAPTCHA_PROVIDER} secret key`);
    }
    if (env.SHOW_UNPUBLISHED)
      ctx.addIssue({ code: "custom", path: ["SHOW_UNPUBLISHED"], message: "must be false in production: it would publish drafts" });
  });

export type Env = z.infer<typeof schema> & {
  PUBLIC_URL: string;
  MAIL_FROM: string;
  SECRET_KEY: string;
  CAPTCHA_PROVIDER: NonNullable<z.infer<typeof schema>["CAPTCHA_PROVIDER"]>;
};

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

// A fixed local secret is fine: local mode never faces the internet, and it
// keeps dev links valid across restarts. Production must bring its own.
const LOCAL_SECRET = "local-mode-secret-not-for-production-use-000";

/** Parse and validate configuration; throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "(env)"} ${i.message}`));
  }
  const env = result.data;
  return {
    ...env,
    PUBLIC_URL: (env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/$/, ""),
    MAIL_FROM: env.MAIL_FROM ?? "Back in Motion <newsletter@localhost>",
    SECRET_KEY: env.SECRET_KEY ?? LOCAL_SECRET,
    CAPTCHA_PROVIDER: env.CAPTCHA_PROVIDER ?? (env.CAPTCHA_SITE_KEY && env.CAPTCHA_SECRET_KEY ? "recaptcha-v2" : "off"),
  };
}

let cached: Env | undefined;
/** The process's configuration, parsed on first use. */
export function env(): Env {
  // Next loads .env itself; command-line scripts get the same file here.
  // Variables already set in the environment always win.
  if (!cached && existsSync(".env")) process.loadEnvFile(".env");
  cached ??= parseEnv(process.env);
  return cached;
}

/** The loud lines local mode prints at start, so nobody mistakes it for production. */
export function localModeWarnings(e: Env): string[] {
  if (e.APP_MODE !== "local") return [];
  const lines = ["APP_MODE=local: this server is for development and previews, not for the internet."];
  if (e.DATABASE_URL.startsWith("file:")) lines.push(`database: embedded SQLite at ${e.DATABASE_URL.slice(5)}`);
  if (!e.SMTP_URL) lines.push("mail: no SMTP_URL, every email is written to the local outbox folder (OUTBOX_DIR)");
  if (e.CAPTCHA_PROVIDER === "off") lines.push("captcha: OFF (set CAPTCHA_PROVIDER and keys to turn it on)");
  if (e.SECRET_KEY === LOCAL_SECRET) lines.push("secret: using the built-in local SECRET_KEY (public; never use it on a reachable server)");
  return lines;
}
