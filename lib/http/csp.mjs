// Content-Security-Policy for every page (docs/security.md). Plain
// JavaScript: the page cache handler (loaded by Node unbundled) and proxy.ts
// both use it.
//
// Static and regenerated pages carry the hashes of their own inline scripts
// (Next's RSC payload is inline script, different on every page), computed
// once per cache entry by the cache handler, so no page has to become
// dynamic for a nonce. Pages rendered per request get a nonce from proxy.ts.
// Neither allows 'unsafe-inline' or 'unsafe-eval' for scripts. A captcha
// provider's origins are allowed only on pages that load its widget.
import { createHash } from "node:crypto";

/** The provider's widget and the origins it loads from, frames and calls. */
const PROVIDERS = {
  "recaptcha-v2": ["https://www.google.com", "https://www.gstatic.com", "https://www.recaptcha.net"],
  "recaptcha-v3": ["https://www.google.com", "https://www.gstatic.com", "https://www.recaptcha.net"],
  turnstile: ["https://challenges.cloudflare.com"],
  hcaptcha: ["https://hcaptcha.com", "https://*.hcaptcha.com"],
};

/**
 * The captcha origins of this configuration (the provider's, or the origin of
 * CAPTCHA_SCRIPT_URL when a stand-in replaces it), and a string that appears
 * in a page's HTML exactly when the page carries the widget.
 * @param {Record<string, string | undefined>} env
 * @returns {{ origins: string[], marker: string | undefined }}
 */
export function captchaSources(env) {
  const provider = env.CAPTCHA_PROVIDER;
  if (!provider || provider === "off" || !env.CAPTCHA_SITE_KEY) return { origins: [], marker: undefined };
  const origins = env.CAPTCHA_SCRIPT_URL ? [new URL(env.CAPTCHA_SCRIPT_URL).origin] : (PROVIDERS[provider] ?? []);
  // The widget's settings (with the site key) are serialised into the page for the form.
  return { origins, marker: env.CAPTCHA_SITE_KEY };
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const EXECUTABLE_TYPE = /^\s*$|^\s*(text\/javascript|module|application\/javascript)\s*$/i;

/**
 * The CSP source expressions ('sha256-…') of every inline script a browser
 * would run in this HTML: no src, and no type or a JavaScript type (JSON-LD
 * is data, not run, and needs none).
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    const attrs = m[1];
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = attrs.match(/\btype\s*=\s*["']?([^"'\s>]*)/i)?.[1] ?? "";
    if (!EXECUTABLE_TYPE.test(type)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/**
 * The policy text.
 * @param {{ scripts: string[], captcha?: string[], frames?: string[], reportUri?: string, https?: boolean }} p
 *   scripts: hashes or a nonce expression for the page's inline scripts
 *   frames: sources this page may frame besides the captcha (the newsroom's email previews: 'self')
 */
export function policy(p) {
  const captcha = p.captcha ?? [];
  const frames = [...(p.frames ?? []), ...captcha];
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${[...p.scripts, ...captcha].join(" ")}`.trim(),
    // React writes style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    `connect-src 'self' ${captcha.join(" ")}`.trim(),
    `frame-src ${frames.length ? frames.join(" ") : "'none'"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (p.https) directives.push("upgrade-insecure-requests");
  if (p.reportUri) directives.push(`report-uri ${p.reportUri}`, "report-to csp");
  return directives.join("; ");
}

/**
 * The policy for one rendered page, from its HTML and this process's configuration.
 * @param {string} html
 * @param {Record<string, string | undefined>} [env]
 */
export function pagePolicy(html, env = process.env) {
  const captcha = captchaSources(env);
  const usesCaptcha = captcha.marker !== undefined && html.includes(captcha.marker);
  return policy({
    scripts: inlineScriptHashes(html),
    captcha: usesCaptcha ? captcha.origins : [],
    reportUri: env.CSP_REPORT_URI,
    https: (env.PUBLIC_URL ?? "").startsWith("https:"),
  });
}

/**
 * The policy for a page rendered per request, whose scripts carry `nonce`.
 * @param {string} nonce
 * @param {Record<string, string | undefined>} [env]
 * @param {{ frames?: string[] }} [extra]
 */
export function noncePolicy(nonce, env = process.env, extra = {}) {
  const captcha = captchaSources(env);
  return policy({
    scripts: [`'nonce-${nonce}'`],
    captcha: captcha.origins,
    frames: extra.frames,
    reportUri: env.CSP_REPORT_URI,
    https: (env.PUBLIC_URL ?? "").startsWith("https:"),
  });
}

/** For responses that are not pages (an HTML answer from a route handler): nothing runs. */
export const NO_SCRIPT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
