import type { Env } from "./env";

/**
 * The editor console (/dev/editor) and development mailbox run only in local
 * mode: editors work from their git checkout with `npm run dev`, and the
 * public site has no logins. Operators in production use the CLIs.
 */
export function editorConsoleEnabled(e: Env): boolean {
  return e.APP_MODE === "local";
}
