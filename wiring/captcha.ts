// This process's captcha check for one form (action), from configuration.
import "server-only";
import { checkCaptchaToken, verifyCaptcha, type CaptchaCheck, type CaptchaConfig, type CaptchaResult } from "@/lib/captcha";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { databaseLedger } from "@/lib/security/used-tokens";

type Action = "comment" | "subscribe";

function config(): CaptchaConfig {
  const e = env();
  return {
    provider: e.CAPTCHA_PROVIDER,
    secretKey: e.CAPTCHA_SECRET_KEY,
    verifyUrl: e.CAPTCHA_VERIFY_URL,
    expectedHostname: new URL(e.PUBLIC_URL).hostname,
    minScore: e.CAPTCHA_MIN_SCORE,
  };
}

/** Checks the token and records it as used in the database. */
export function captchaCheckFor(action: Action): (token: string | undefined, remoteIp: string) => Promise<CaptchaResult> {
  return (token, remoteIp) => verifyCaptcha(config(), { token, action, remoteIp }, databaseLedger(db(), "captcha"));
}

/** Checks the token only; the caller claims `tokenHash` in its own transaction. */
export function captchaTokenCheckFor(action: Action): (token: string | undefined, remoteIp: string) => Promise<CaptchaCheck> {
  return (token, remoteIp) => checkCaptchaToken(config(), { token, action, remoteIp });
}
