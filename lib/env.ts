import { existsSync } from "node:fs";
import { z } from "zod";

/**
 * Configuration, validated once. The mode is an explicit setting (APP_MODE),
 * never NODE_ENV, because `next start` always sets NODE_ENV=production.
 *   local       the default: SQLite, dev mail outbox, captcha off, all said loudly
 *   production  declared by the operator; refuses to start with anything missing
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z
  .object({
    APP_MODE: z.enum(["local", "production"]).default("local"),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
      .default("file:./data/app.db"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    SECRET_KEY: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@mail.example.com:465")
      .optional(),
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
    MAIL_FROM: z.string().regex(/^([^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address, e.g. "Back in Motion <news@example.com>"').optional(),
    CAPTCHA_PROVIDER: z.enum(["off", "recaptcha-v2", "recaptcha-v3", "turnstile", "hcaptcha"]).optional(),
    CAPTCHA_SITE_KEY: z.string().min(1).optional(),
    CAPTCHA_SECRET_KEY: z.string().min(1).optional(),
    CAPTCHA_VERIFY_URL: z.url().optional(),
    CAPTCHA_SCRIPT_URL: z.url().optional(),
    CAPTCHA_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.5),
    SHOW_UNPUBLISHED: bool.default(false),
    OUTBOX_DIR: z.string().min(1).default("outbox"),
    COMMENT_MAX_LINKS: z.coerce.number().int().min(0).max(50).default(2),
    COMMENT_BLOCKED_WORDS: z.string().default("").transform((v) => v.split(",").map((w) => w.trim()).filter(Boolean)),
    COMMENT_MIN_SECONDS: z.coerce.number().min(0).max(60).default(3),
    COMMENT_ERASE_KEEPS_TEXT: bool.default(true),
    COMMENT_RATE_PER_IP: z.coerce.number().int().min(1).default(5),
    COMMENT_RATE_PER_EMAIL: z.coerce.number().int().min(1).default(3),
    COMMENT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    NEWSLETTER_CONFIRM_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(48),
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
    DKIM_DOMAIN: z.string().min(1).optional(),
    DKIM_SELECTOR: z.string().min(1).optional(),
    DKIM_PRIVATE_KEY: z.string().min(1).optional(),
    DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const dkim = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY ?? env.DKIM_PRIVATE_KEY_FILE];
    if (dkim.some(Boolean) && !dkim.every(Boolean))
      ctx.addIssue({ code: "custom", path: ["DKIM_DOMAIN"], message: "DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE) together" });
    if (env.APP_MODE !== "production") return;
    const need = (key: keyof typeof env, what: string) => {
      if (env[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `is required in production: ${what}` });
    };
    need("PUBLIC_URL", "the site's public https:// address, used in links, feeds and emails");
    need("SECRET_KEY", "signs unsubscribe and confirmation links (`openssl rand -hex 32`)");
    need("SMTP_URL", "the SMTP relay that sends confirmation emails and newsletters");
    need("MAIL_FROM", 'the sender of every email, on a domain your relay may send for, e.g. "Back in Motion <news@example.com>"');
    need("CAPTCHA_PROVIDER", "recaptcha-v2, recaptcha-v3, turnstile, hcaptcha, or off to run without a captcha on purpose");
    if (env.CAPTCHA_PROVIDER && env.CAPTCHA_PROVIDER !== "off") {
      need("CAPTCHA_SITE_KEY", `the ${env.CAPTCHA_PROVIDER} site key`);
      need("CAPTCHA_SECRET_KEY", `the ${env.CAPTCHA_PROVIDER} secret key`);
    }
    if (env.SHOW_UNPUBLISHED) ctx.addIssue({ code: "custom", path: ["SHOW_UNPUBLISHED"], message: "must be false in production: it would publish drafts" });
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
  if (e.SECRET_KEY === LOCAL_SECRET) lines.push("secret: using the built-in local SECRET_KEY");
  return lines;
}
