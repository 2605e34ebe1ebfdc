// content/redirects.yaml: old addresses that should lead somewhere on this
// site (after a move from WordPress, a renamed article, a merged page):
//
//   - from: /2019/05/old-post
//     to: /articles/posture-myths
//
// It is not a contentlayer document (a list, not a record), so it is read and
// checked here; the same reader serves whoever turns the list into responses.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, isSeq } from "yaml";
import type { Pos } from "./body-facts";
import type { ContentProblem } from "./problems";
import { isFrontPageQuery, sitePathProblem } from "./site-paths";
import { yamlDocument } from "./yaml";

export const REDIRECTS_FILE = "content/redirects.yaml";

export type Redirect = { from: string; to: string; /** 1-based line of the entry in the file */ line: number };


/**
 * Reads the redirect list from its text. Entries that are not well-formed are
 * left out and reported; the rest are returned.
 */
export function parseRedirects(text: string, file = REDIRECTS_FILE): { redirects: Redirect[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const { doc, at } = yamlDocument(text);
  const err = (pos: Pos, field: string, message: string) =>
    problems.push({ file, ...pos, field, rule: "redirect", severity: "error", message });

  for (const e of doc.errors) err(at(e.pos[0]), "file", `not valid YAML: ${e.message.split("\n")[0]}`);
  if (doc.errors.length > 0) return { redirects: [], problems };
  if (doc.contents === null) return { redirects: [], problems };
  if (!isSeq(doc.contents)) {
    err(at(doc.contents.range?.[0]), "file", "must be a list of redirects, each written as `- from: /old-path` with `to: /new-path` below it");
    return { redirects: [], problems };
  }

  const redirects: Redirect[] = [];
  doc.contents.items.forEach((item, i) => {
    const field = `[${i}]`;
    const pos = at(isMap(item) || isScalar(item) ? item.range?.[0] : undefined);
    if (!isMap(item)) {
      err(pos, field, "each redirect needs a `from:` and a `to:` path");
      return;
    }
    const values: Partial<Record<"from" | "to", string>> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const keyPos = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      if (key !== "from" && key !== "to") {
        err(keyPos, `${field}.${key}`, `unknown field "${key}"; a redirect has only from and to`);
        continue;
      }
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof value !== "string" || value.trim() === "") {
        err(keyPos, `${field}.${key}`, `${key} must be a path such as /old-page`);
        continue;
      }
      values[key] = value;
    }
    for (const key of ["from", "to"] as const)
      if (values[key] === undefined && !item.items.some((p) => isScalar(p.key) && p.key.value === key))
        err(pos, `${field}.${key}`, `missing ${key}; each redirect needs a from and a to`);
    if (values.from !== undefined && values.to !== undefined) redirects.push({ from: values.from, to: values.to, line: pos.line });
  });
  return { redirects, problems };
}

/** The redirects of a project (none when the file does not exist). */
export function readRedirects(root = process.cwd()): { redirects: Redirect[]; problems: ContentProblem[] } {
  const file = path.join(root, REDIRECTS_FILE);
  if (!existsSync(file)) return { redirects: [], problems: [] };
  return parseRedirects(readFileSync(file, "utf8"));
}

/**
 * Whether a path of this site can be linked to or redirected to right now:
 * undefined when it is live, otherwise the reason it is not.
 */
export type PathLookup = (path: string) => { live: true } | { live: false; reason: string; why: "missing" | "draft" | "future" };

/**
 * Rules over the whole list: each `from` well-formed, unique and not a page
 * that exists (the redirect would hide it); each `to` a live page of this
 * site; no redirect leading to another redirect (a chain) or back to itself
 * (a loop).
 */
export function checkRedirects(redirects: Redirect[], lookup: PathLookup, file = REDIRECTS_FILE): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const err = (r: Redirect, i: number, key: "from" | "to", message: string) =>
    problems.push({ file, line: r.line, column: 3, field: `[${i}].${key}`, rule: "redirect", severity: "error", message });

  const firstLine = new Map<string, number>();
  const targetOf = new Map<string, string>();
  redirects.forEach((r, i) => {
    // WordPress's front-page queries (/?p=12) are old addresses too (lib/http/legacy-redirects.ts).
    const fromProblem = isFrontPageQuery(r.from) ? undefined : sitePathProblem(r.from, "from");
    if (fromProblem) return err(r, i, "from", fromProblem);
    const seenAt = firstLine.get(r.from);
    if (seenAt !== undefined) return err(r, i, "from", `${r.from} is already redirected on line ${seenAt}; keep one of the two`);
    firstLine.set(r.from, r.line);
    targetOf.set(r.from, stripFragment(r.to));
    if (lookup(r.from).live) err(r, i, "from", `${r.from} is a page of this site; a redirect would hide it (remove the redirect or the page)`);
  });

  redirects.forEach((r, i) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(r.to)) return err(r, i, "to", `to "${r.to}" must be a path on this site such as /articles/tech-neck`);
    const target = stripFragment(r.to);
    const toProblem = sitePathProblem(target, "to");
    if (toProblem) return err(r, i, "to", toProblem);
    if (firstLine.get(r.from) !== r.line) return; // a duplicate, already reported
    if (targetOf.has(target)) {
      const trail = [r.from];
      let next: string | undefined = target;
      while (next !== undefined && !trail.includes(next)) {
        trail.push(next);
        next = targetOf.get(next);
      }
      if (next !== undefined) {
        trail.push(next);
        return err(r, i, "to", `redirect loop: ${trail.join(" → ")}; point ${r.from} at a page`);
      }
      return err(r, i, "to", `redirect chain: ${trail.join(" → ")}; point ${r.from} straight at ${trail[trail.length - 1]}`);
    }
    const found = lookup(target);
    if (!found.live) err(r, i, "to", `to ${found.reason}; point the redirect at a live page`);
  });
  return problems;
}

function stripFragment(p: string): string {
  return p.split("#")[0].split("?")[0] || "/";
}
