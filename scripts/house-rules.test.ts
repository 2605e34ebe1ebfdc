// The floors of the house (docs/architecture.md), checked on the import
// graph: TypeScript's own pre-processor lists each file's imports, which are
// resolved like the bundler does (relative paths and the "@/" alias).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";

const root = path.resolve(import.meta.dirname, "..");
const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.ts", "*.tsx", "*.mjs"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !f.startsWith("lib/generated/") && existsSync(path.join(root, f)));

function resolve(from: string, spec: string): string | undefined {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(path.join(root, from)), spec)
      : undefined;
  if (!base) return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, path.join(base, "index.ts"), path.join(base, "index.tsx")])
    if (existsSync(candidate) && !candidate.endsWith(path.sep) && /\.(ts|tsx|mjs)$/.test(candidate)) return path.relative(root, candidate);
  return undefined;
}

const source = (f: string) => readFileSync(path.join(root, f), "utf8");
const imports = new Map<string, string[]>();
function importsOf(f: string): string[] {
  let list = imports.get(f);
  if (!list) {
    // Type-only imports vanish at run time and may cross any floor.
    const text = source(f).replace(/^\s*import\s+type\s[^;]+;/gm, "");
    list = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((i) => resolve(f, i.fileName))
      .filter((x): x is string => x !== undefined);
    imports.set(f, list);
  }
  return list;
}

/** Every file reachable from `start` by value imports, with the path that reached it. */
function reachable(start: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift()!;
    for (const next of importsOf(f))
      if (!seen.has(next)) {
        seen.set(next, [...seen.get(f)!, next]);
        queue.push(next);
      }
  }
  return seen;
}

const isClient = (f: string) => /^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(source(f));
const isServerOnly = (f: string) => /^import "server-only";/m.test(source(f));

describe("the house's floors", () => {
  it("no browser code reaches a module that reads the database or a secret", () => {
    const clients = files.filter((f) => /\.(tsx?)$/.test(f) && isClient(f));
    expect(clients.length).toBeGreaterThan(2);
    const leaks = clients.flatMap((c) => [...reachable(c)].filter(([f]) => isServerOnly(f)).map(([, via]) => via.join(" → ")));
    expect(leaks).toEqual([]);
  });

  it("modules that hold the database client, configuration, keys and wiring say server-only", () => {
    for (const f of [
      "lib/db/index.ts",
      "lib/db/client.ts",
      "lib/env.ts",
      "lib/security/keys.ts",
      "lib/mail/index.ts",
      "lib/startup.ts",
      ...files.filter((f) => f.startsWith("wiring/") && !f.includes(".test.")),
    ])
      expect(isServerOnly(f), f).toBe(true);
  });

  it("components receive data: none reaches the database client or the wiring", () => {
    const offenders = files
      .filter((f) => f.startsWith("components/") && !f.includes(".test."))
      .flatMap((c) =>
        [...reachable(c)].filter(([f]) => f === "lib/db/index.ts" || f.startsWith("wiring/")).map(([, via]) => via.join(" → ")),
      );
    expect(offenders).toEqual([]);
  });

  it("lib/ knows nothing of app/, components/ or the wiring", () => {
    const offenders = files
      .filter((f) => f.startsWith("lib/") && !f.includes(".test.") && !f.startsWith("lib/testing/"))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /^(app|components|wiring)\//.test(i))
          .map((i) => `${f} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });
});
