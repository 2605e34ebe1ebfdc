import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { tsImport } from "tsx/esm/api";
import type * as Cli from "../scripts/cli";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_ENV = {
  CAPTCHA_PROVIDER: "recaptcha-v2",
  CAPTCHA_SITE_KEY: "e2e-site-key",
  CAPTCHA_SECRET_KEY: "e2e-captcha-secret",
  ...process.env,
  APP_MODE: "local",
  DATABASE_URL: "file:./data/e2e.db",
  PUBLIC_URL: `http://localhost:${PORT}`,
  SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? 2526}`,
};

// This process plays the operator's shell: the command-line tools run here,
// in-process (no npm or tsx start-up per call, so journeys do not depend on
// how fast the machine is), with the same configuration as the server.
Object.assign(process.env, E2E_ENV);

/**
 * A command-line tool's module, loaded the way `npm run` loads it (tsx
 * resolves the project's imports; Playwright's own loader would not).
 */
type ToolName = "comments" | "newsletter" | "subscribers" | "stats" | "editors";
const loaded = new Map<ToolName, Promise<{ tool: Cli.Tool; cli: typeof Cli }>>();
export function cliTool(name: ToolName): Promise<{ tool: Cli.Tool; cli: typeof Cli }> {
  // Loaded once per test process: one database client and mail pool per tool, as one long shell session.
  let tool = loaded.get(name);
  if (!tool) {
    tool = (async () => {
      const options = { parentURL: import.meta.url, tsconfig: "tsconfig.scripts.json" };
      const cli = (await tsImport("../scripts/cli.ts", options)) as typeof Cli;
      const mod = (await tsImport(`../scripts/${name}.ts`, options)) as Record<string, Cli.Tool>;
      return { tool: mod[`${name}Tool`], cli };
    })();
    loaded.set(name, tool);
  }
  return tool;
}

/** Runs a command-line tool as `npm run <tool> -- …` would: resolves with what it printed, rejects with its error. */
async function runCli(name: ToolName, args: string[]): Promise<string> {
  const { tool, cli } = await cliTool(name);
  const io = cli.captureIo();
  const code = await cli.runTool(tool, args, io);
  if (code !== 0) throw new Error(`${tool.name} ${args.join(" ")} exited ${code}:\n${io.stderr}${io.stdout}`);
  return io.stdout;
}

/** An editor's moderation command: `npm run comments -- …`. */
export const editor = (...args: string[]) => runCli("comments", args);

export async function pendingCommentId(textSnippet: string): Promise<string> {
  const out = await editor("list", "--status", "pending", "--limit", "200");
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
  const url = (mail.text ?? "").match(/https?:\/\/[^\s>]+/g)?.find((u) => new URL(u).pathname.startsWith(prefix));
  if (!url) throw new Error(`no ${prefix} link in “${mail.subject}”`);
  return url;
}

export function rawHeader(m: ParsedMail, name: string): string | undefined {
  const line = m.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(":") + 1)
    .replace(/\r?\n\s+/g, " ")
    .trim();
}

/** The operator's list command: `npm run subscribers -- …`. */
export const operator = (...args: string[]) => runCli("subscribers", args);

/** The editor's newsletter command: `npm run newsletter -- …`. */
export const newsletterCli = (...args: string[]) => runCli("newsletter", args);

/** `npm run stats -- …` (aggregate audience figures). */
export const statsCli = (...args: string[]) => runCli("stats", args);

/** The newsletter command in its own process, for a configuration this process does not have (a dead relay). */
export function newsletterCliWith(env: Record<string, string>, ...args: string[]): string {
  return execFileSync("npm", ["run", "-s", "newsletter", "--", ...args], {
    env: { ...E2E_ENV, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The operator's editors command: `npm run editors -- …`. */
export const editorsCli = (...args: string[]) => runCli("editors", args);

/**
 * Waits until React has hydrated the element `selector` names. Before that a
 * click submits a form natively (a different, no-JavaScript path) or is lost,
 * and on a busy machine hydration can take seconds after the page loaded.
 * React marks each hydrated DOM node with a `__reactProps$…` key.
 */
export async function hydrated(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((s) => {
    const el = document.querySelector(s);
    return Boolean(el && Object.keys(el).some((k) => k.startsWith("__reactProps$")));
  }, selector);
}
