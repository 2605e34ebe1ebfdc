"use client";

import { useEffect, useRef } from "react";

/** Public widget settings from lib/captcha/widget (never the secret). */
export type CaptchaWidget = {
  provider: "recaptcha-v2" | "recaptcha-v3" | "turnstile" | "hcaptcha";
  siteKey: string;
  scriptUrl: string;
} | null;

type Api = {
  render?: (el: HTMLElement, o: object) => unknown;
  reset?: (id?: unknown) => void;
  execute?: (k: string, o: object) => Promise<string>;
  ready?: (f: () => void) => void;
};
const GLOBAL: Record<string, string> = {
  "recaptcha-v2": "grecaptcha",
  "recaptcha-v3": "grecaptcha",
  turnstile: "turnstile",
  hcaptcha: "hcaptcha",
};
const api = (provider: string) => (window as unknown as Record<string, Api | undefined>)[GLOBAL[provider]];

// One load per script URL, shared by every form on the page (an article has
// both the comment form and the newsletter signup).
const loads = new Map<string, Promise<void>>();
function loadScript(src: string): Promise<void> {
  let p = loads.get(src);
  if (!p) {
    p = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = () => resolve();
      s.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(s);
    });
    loads.set(src, p);
  }
  return p;
}

/** Whether the form shows a checkbox widget (v3 is invisible). */
export const showsCaptchaWidget = (captcha: CaptchaWidget) => Boolean(captcha && captcha.provider !== "recaptcha-v3");

export const CAPTCHA_NOT_CHECKED = "Please check the box to show you are not a robot.";
export const CAPTCHA_EXPIRED = "Verification expired, check the box again.";

/**
 * The captcha of one form: renders the checkbox widget (or loads the
 * invisible v3 script), reports expiry to the form before any submit, and
 * hands out a token at submit time. `onMessage("")` clears the message.
 */
export function useCaptcha(captcha: CaptchaWidget, action: string, onMessage: (message: string) => void) {
  const widgetRef = useRef<HTMLDivElement>(null);
  const widgetId = useRef<unknown>(undefined);
  const token = useRef("");
  const report = useRef(onMessage);
  useEffect(() => {
    report.current = onMessage;
  }, [onMessage]);

  useEffect(() => {
    if (!captcha) return;
    let cancelled = false;
    loadScript(captcha.scriptUrl)
      .then(() => {
        if (captcha.provider === "recaptcha-v3" || cancelled) return;
        const a = api(captcha.provider);
        const render = () => {
          if (!widgetRef.current || widgetId.current !== undefined) return;
          widgetId.current = a?.render?.(widgetRef.current, {
            sitekey: captcha.siteKey,
            // Turnstile puts the action into its answer; the server requires it (lib/captcha).
            ...(captcha.provider === "turnstile" ? { action } : {}),
            callback: (t: string) => {
              token.current = t;
              report.current("");
            },
            "expired-callback": () => {
              token.current = "";
              report.current(CAPTCHA_EXPIRED);
            },
          });
        };
        if (a?.ready) a.ready(render);
        else render();
      })
      .catch(() => report.current("The verification could not load. Please check your connection and reload the page."));
    return () => {
      cancelled = true;
    };
  }, [captcha, action]);

  return {
    widgetRef,
    /** The token to send, or undefined with a message already reported. */
    async token(): Promise<string | undefined | null> {
      if (!captcha) return null;
      if (captcha.provider === "recaptcha-v3") return api(captcha.provider)?.execute?.(captcha.siteKey, { action });
      if (!token.current) {
        report.current(CAPTCHA_NOT_CHECKED);
        return undefined;
      }
      return token.current;
    },
    /** Tokens are single-use: after every submit the reader solves a fresh one. */
    reset() {
      if (captcha && widgetId.current !== undefined) api(captcha.provider)?.reset?.(widgetId.current);
      token.current = "";
    },
  };
}
