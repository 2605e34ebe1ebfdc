// The MDX bodies scripts/render-content.tsx rendered to HTML at build time
// (.contentlayer/rendered.json), keyed by renderKey(). Read as a file, not
// imported as a module, for the reason lib/content/generated.ts gives.
import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { readOnce } from "./generated";

const FILE = () => path.join(/*turbopackIgnore: true*/ process.cwd(), ".contentlayer", "rendered.json");

/** HTML by render key; empty when nothing was pre-rendered yet. */
export const prerenderedBodies = readOnce(
  () => [FILE()],
  (): Record<string, string> => (existsSync(FILE()) ? JSON.parse(readFileSync(FILE(), "utf8")) : {}),
);
