import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_ENV = {
  CAPTCHA_PROVIDER: "recaptcha-v2",
  CAPTCHA_SITE_KEY: "e2e-site-key",
  CAPTCHA_SECRET_KEY: "e2e-captcha-secret", ...process.env, APP_MODE: "local", DATABASE_URL: "file:./data/e2e.db", PUBLIC_URL: `http://localhost:${PORT}`, SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? 2526}` };

/** Runs an editor's command exactly as they would: `npm run comments -- …`. */
export function editor(...args: string[]): string {
  return execFileSync("npm", ["run", "-s", "comments", "--", ...args], { env: E2E_ENV, encoding: "utf8" });
}

export function pendingCommentId(textSnippet: string): string {
  const out = editor("list", "--status", "pending", "--limit", "200");
  // Each comment is two lines: "<id>  <status> …" then its indented excerpt.
  const lines = out.split("\n");
  for (let i = 0; i + 1 < lines.length; i += 2)
    if ((lines[i] + lines[i + 1]).includes(textSnippet.slice(0, 60))) return lines[i].trim().split(/\s+/)[0];
  throw new Error(`no pending comment containing "${textSnippet}" in:\n${out}`);
}

/** Mail received by the test SMTP server, parsed. */
export async function mailTo(address: string): Promise<ParsedMail[]> {
  const dir = "data/e2e-mail";
  const out: ParsedMail[] = [];
  for (const f of readdirSync(dir).sort()) {
    const m = await simpleParser(readFileSync(path.join(dir, f)));
    const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(",") : (m.to?.text ?? "");
    if (to.includes(address)) out.push(m);
  }
  return out;
}

let n = 0;
export const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++n}`;

/** A single-use token the captcha stand-in accepts, for direct API calls. */
export const captchaToken = () => `pass:n=${unique("api")}`;

/** Waits for a message to `address` whose subject matches, as the test SMTP server received it. */
export async function waitForMail(address: string, subject: RegExp, timeoutMs = 15_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailTo(address)).find((m) => subject.test(m.subject ?? ""));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first link in a message's text part that starts with `prefix` (a path on the site). */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const url = (mail.text ?? "").match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname.startsWith(prefix));
  if (!url) throw new Error(`no ${prefix} link in “${mail.subject}”`);
  return url;
}

export function rawHeader(m: ParsedMail, name: string): string | undefined {
  const line = m.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim();
}

/** Runs the operator's command exactly as they would: `npm run subscribers -- …`. */
export function operator(...args: string[]): string {
  return execFileSync("npm", ["run", "-s", "subscribers", "--", ...args], { env: E2E_ENV, encoding: "utf8" });
}

/** Runs the editor's newsletter command exactly as they would: `npm run newsletter -- …`. */
export function newsletterCli(...args: string[]): string {
  return newsletterCliWith({}, ...args);
}

export function newsletterCliWith(env: Record<string, string>, ...args: string[]): string {
  return execFileSync("npm", ["run", "-s", "newsletter", "--", ...args], { env: { ...E2E_ENV, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}
