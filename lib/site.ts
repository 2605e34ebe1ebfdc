import { env } from "./env";

/** The publication's identity, used in layout, metadata, feeds and JSON-LD. */
export const site = {
  name: "Back in Motion",
  tagline: "Less pain, more life: clear guidance for back and neck pain",
  description: "Practical, reviewed articles on back and neck pain: posture, exercise, sleep, desk work and when to see a doctor.",
  publisher: "Back in Motion Media",
  /** The newsletter's name, in emails, their List-Id and the signup form. */
  newsletterName: "Less Pain, More Life",
  locale: "en_US",
  language: "en",
};

/** The browser viewport of every page, including the stand-alone 404 page. */
export const siteViewport = { width: "device-width", initialScale: 1, themeColor: "#1d5c63" };

/** An absolute URL on this site, from a path. */
export function absoluteUrl(path: string): string {
  return new URL(path, env().PUBLIC_URL + "/").toString();
}
