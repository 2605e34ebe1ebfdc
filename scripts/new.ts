// npm run new -- article|author|product|newsletter <slug>
// Writes a starting file with every required field and a comment on each,
// which passes `npm run content:check` as written.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { argsOrExit } from "./args";
import { SLUG, slugify } from "../lib/content/doc-types";
import { NEW_KINDS, newContentFile, type NewKind } from "../lib/content/templates";

const HELP = `Usage: npm run new -- <kind> <slug>

Writes a new content file with every required field and a comment on each.

  kind   ${NEW_KINDS.join(", ")}
  slug   the file name: lower-case words joined by hyphens, e.g. sitting-all-day

  -h, --help   show this help
`;

const { positionals } = argsOrExit("new", HELP, {
  allowPositionals: true,
  options: { help: { type: "boolean", short: "h", default: false } },
});
const [kind, slug, ...rest] = positionals;
const fail = (message: string): never => {
  process.stderr.write(`new: ${message}\n\n${HELP}`);
  process.exit(2);
};
if (!kind || !slug || rest.length > 0) fail("give a kind and a slug");
if (!(NEW_KINDS as readonly string[]).includes(kind)) fail(`unknown kind "${kind}"; use one of ${NEW_KINDS.join(", ")}`);
if (!SLUG.test(slug)) fail(`"${slug}" is not a slug; try ${slugify(slug) || "lower-case-words"}`);

const root = process.cwd();
const slugsIn = (dir: string) =>
  existsSync(path.join(root, dir))
    ? readdirSync(path.join(root, dir))
        .filter((f) => /\.(mdx|ya?ml)$/.test(f))
        .map((f) => f.replace(/\.[^.]+$/, ""))
        .sort()
    : [];
const { file, text } = newContentFile(kind as NewKind, slug, {
  today: new Date().toISOString().slice(0, 10),
  authors: slugsIn("content/authors"),
  categories: slugsIn("content/categories"),
});
const target = path.join(root, file);
if (existsSync(target)) fail(`${file} already exists`);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, text, { flag: "wx" });
process.stdout.write(`Written ${file}: fill it in, then run npm run content:check\n`);
