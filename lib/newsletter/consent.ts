/**
 * The words a reader agrees to when subscribing. Every subscriber records
 * the version they saw; change the text → bump the version, and keep old
 * versions here so an export can show exactly what someone agreed to.
 */
export const CONSENT_TEXTS = {
  "2026-11-24":
    "Send me the free Less Pain, More Life newsletter by email. I can unsubscribe at any time with one click; see the privacy notice for how my address is used.",
} as const;

export type ConsentVersion = keyof typeof CONSENT_TEXTS;
export const CONSENT_VERSION: ConsentVersion = "2026-11-24";
export const CONSENT_TEXT = CONSENT_TEXTS[CONSENT_VERSION];

export { CONSENT_SOURCE } from "./limits";
