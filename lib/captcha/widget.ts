import type { Env } from "../env";

const SCRIPTS = {
  "recaptcha-v2": "https://www.google.com/recaptcha/api.js?render=explicit",
  "recaptcha-v3": "https://www.google.com/recaptcha/api.js?render=",
  turnstile: "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit",
  hcaptcha: "https://js.hcaptcha.com/1/api.js?render=explicit",
} as const;

/** What the browser needs to show the widget: public values only, never the secret. */
export function captchaWidget(e: Env) {
  if (e.CAPTCHA_PROVIDER === "off" || !e.CAPTCHA_SITE_KEY) return null;
  const p = e.CAPTCHA_PROVIDER;
  const scriptUrl = e.CAPTCHA_SCRIPT_URL ?? (p === "recaptcha-v3" ? SCRIPTS[p] + encodeURIComponent(e.CAPTCHA_SITE_KEY) : SCRIPTS[p]);
  return { provider: p, siteKey: e.CAPTCHA_SITE_KEY, scriptUrl };
}
