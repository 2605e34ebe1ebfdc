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
