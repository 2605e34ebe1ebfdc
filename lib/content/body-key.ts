import { createHash } from "node:crypto";

/** Key of a compiled MDX body in the pre-rendered HTML map: changes whenever the body does. */
export function bodyKey(code: string): string {
  return createHash("sha256").update(code).digest("hex").slice(0, 32);
}

/** Key of a body rendered for one article: its product links carry `from=<article>` (/go/, issue #18). */
export function renderKey(code: string, from?: string): string {
  return from ? `${bodyKey(code)}:${from}` : bodyKey(code);
}
