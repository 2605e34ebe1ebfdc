// This process's captcha check for one form (action), from configuration.
import { db } from "../db";
import { env } from "../env";
import { databaseLedger } from "../security/used-tokens";
import { verifyCaptcha, type CaptchaResult } from "./index";

export function captchaCheckFor(action: "comment" | "subscribe"): (token: string | undefined, remoteIp: string) => Promise<CaptchaResult> {
  return (token, remoteIp) => {
    const e = env();
    return verifyCaptcha(
      { provider: e.CAPTCHA_PROVIDER, secretKey: e.CAPTCHA_SECRET_KEY, verifyUrl: e.CAPTCHA_VERIFY_URL, expectedHostname: new URL(e.PUBLIC_URL).hostname, minScore: e.CAPTCHA_MIN_SCORE },
      { token, action, remoteIp },
      databaseLedger(db(), "captcha"),
    );
  };
}
