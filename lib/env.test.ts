import { describe, expect, it } from "vitest";
import { EnvError, localModeWarnings, parseEnv } from "./env";

const problems = (source: Record<string, string>) => {
  try {
    parseEnv(source);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as EnvError).problems;
  }
};

const PRODUCTION = {
  APP_MODE: "production",
  PUBLIC_URL: "https://backinmotion.example",
  SECRET_KEY: "x".repeat(40),
  SMTP_URL: "smtps://user:pass@mail.example:465",
  MAIL_FROM: "Back in Motion <news@backinmotion.example>",
  CAPTCHA_PROVIDER: "turnstile",
  CAPTCHA_SITE_KEY: "site",
  CAPTCHA_SECRET_KEY: "secret",
};

describe("configuration", () => {
  it("local is the default and needs nothing", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      APP_MODE: "local",
      DATABASE_URL: "file:./data/app.db",
      PUBLIC_URL: "http://localhost:3000",
      CAPTCHA_PROVIDER: "off",
    });
  });

  it("local mode says loudly what it is doing", () => {
    const lines = localModeWarnings(parseEnv({})).join("\n");
    expect(lines).toContain("SQLite");
    expect(lines).toContain("outbox");
    expect(lines).toContain("captcha: OFF");
  });

  it("NODE_ENV does not decide the mode", () => {
    expect(parseEnv({ NODE_ENV: "production" }).APP_MODE).toBe("local");
  });

  it("production starts with everything set", () => {
    expect(parseEnv(PRODUCTION).APP_MODE).toBe("production");
    expect(localModeWarnings(parseEnv(PRODUCTION))).toEqual([]);
  });

  it.each(["PUBLIC_URL", "SECRET_KEY", "SMTP_URL", "MAIL_FROM", "CAPTCHA_PROVIDER"])(
    "production refuses to start without %s, naming it",
    (key) => {
      const source: Record<string, string> = { ...PRODUCTION };
      delete source[key];
      const p = problems(source);
      expect(p).toHaveLength(1);
      expect(p[0]).toMatch(new RegExp(`^${key} is required in production`));
    },
  );

  it("refuses a sender that is not an address, and half a DKIM setup", () => {
    expect(problems({ MAIL_FROM: "Back in Motion" })[0]).toMatch(/^MAIL_FROM must be an address/);
    expect(parseEnv({ MAIL_FROM: "news@example.com" }).MAIL_FROM).toBe("news@example.com");
    expect(problems({ DKIM_DOMAIN: "example.com" })[0]).toMatch(
      /^DKIM_DOMAIN DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY/,
    );
  });

  it("production refuses captcha keys missing for the chosen provider", () => {
    const { CAPTCHA_SECRET_KEY: _, ...rest } = PRODUCTION;
    expect(problems(rest)[0]).toMatch(/^CAPTCHA_SECRET_KEY is required/);
  });

  it("production may turn captcha off, but only explicitly", () => {
    const { CAPTCHA_SITE_KEY: _a, CAPTCHA_SECRET_KEY: _b, ...rest } = PRODUCTION;
    expect(parseEnv({ ...rest, CAPTCHA_PROVIDER: "off" }).CAPTCHA_PROVIDER).toBe("off");
  });

  it("rejects malformed values with what is expected", () => {
    expect(problems({ DATABASE_URL: "mysql://x" })[0]).toBe("DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)");
    expect(problems({ APP_MODE: "staging" })[0]).toMatch(/^APP_MODE /);
    expect(problems({ SECRET_KEY: "short" })[0]).toMatch(/^SECRET_KEY must be at least 32 characters/);
    expect(problems({ SMTP_URL: "mail.example.com" })[0]).toMatch(/^SMTP_URL must be an smtp:\/\//);
    expect(problems({ PUBLIC_URL: "not a url" })[0]).toMatch(/^PUBLIC_URL /);
  });

  it("shares pages through Redis only when REDIS_URL is a redis URL", () => {
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_KEY_PREFIX).toBe("spine-press:");
    expect(problems({ REDIS_URL: "127.0.0.1:6379" })[0]).toMatch(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(problems({ REDIS_KEY_PREFIX: "has spaces" })[0]).toMatch(/^REDIS_KEY_PREFIX /);
  });

  it("turns on the Resend webhook only with a whsec_ signing secret", () => {
    expect(parseEnv({}).WEBHOOK_RESEND_SECRET).toBeUndefined();
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    expect(parseEnv({ WEBHOOK_RESEND_SECRET: secret }).WEBHOOK_RESEND_SECRET).toBe(secret);
    for (const bad of [
      "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "whsec_",
      "whsec_short",
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",
      "whsec_MfKQ9r8GKYqrTwjU-D8ILPZIo2LaLaSw",
    ])
      expect(problems({ WEBHOOK_RESEND_SECRET: bad })[0]).toMatch(/^WEBHOOK_RESEND_SECRET must be the webhook's signing secret/);
  });

  it("never lets production publish drafts", () => {
    expect(problems({ ...PRODUCTION, SHOW_UNPUBLISHED: "true" })[0]).toMatch(/^SHOW_UNPUBLISHED must be false/);
  });

  it("production refuses the built-in local secret, which anyone can read in the source", () => {
    const local = parseEnv({}).SECRET_KEY;
    expect(problems({ ...PRODUCTION, SECRET_KEY: local })).toEqual([expect.stringMatching(/^SECRET_KEY is the built-in local key/)]);
    expect(problems({ ...PRODUCTION, SECRET_KEY_PREVIOUS: local })).toHaveLength(1);
  });

  it("reads previous keys for rotation and a proxy trust setting, and says what is wrong with them", () => {
    const env = parseEnv({ ...PRODUCTION, SECRET_KEY_PREVIOUS: `${"a".repeat(32)}, ${"b".repeat(40)}`, TRUST_PROXY: "1" });
    expect(env.SECRET_KEY_PREVIOUS).toEqual(["a".repeat(32), "b".repeat(40)]);
    expect(env.TRUST_PROXY).toEqual({ kind: "hops", hops: 1 });
    expect(parseEnv({}).TRUST_PROXY).toEqual({ kind: "hops", hops: 0 });
    expect(problems({ SECRET_KEY_PREVIOUS: "short" })).toEqual([expect.stringContaining("SECRET_KEY_PREVIOUS")]);
    expect(problems({ TRUST_PROXY: "everyone" })).toEqual([expect.stringMatching(/^TRUST_PROXY must be a hop count/)]);
  });
});
