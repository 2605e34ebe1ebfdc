/**
 * Adding redirects to content/redirects.yaml without disturbing what an
 * editor wrote: the file is edited as a YAML document (comments, order and
 * formatting kept), entries whose `from` is already there are left as they
 * are (an editor may have pointed an old address elsewhere), new ones are
 * appended (lib/content/redirects.ts reads the file: a list of {from, to}).
 */
import { existsSync, readFileSync } from "node:fs";
import YAML, { isMap, isSeq, type YAMLSeq } from "yaml";
import { keyOfFrom, type Redirect } from "../../http/legacy-redirects";

export const REDIRECTS_FILE = "content/redirects.yaml";

export type RedirectMerge = {
  text: string;
  added: Redirect[];
  unchanged: number;
  keptEditors: { from: string; to: string; ours: string }[];
};

const HEADER = `# Old addresses and where they lead now (answered with a 301).
# \`from\` is an old path ("/2019/03/walking/" or "/?p=123"); \`to\` a page of this site.
# npm run content:check verifies that every target exists.
`;

export function mergeRedirects(file: string, incoming: Redirect[]): RedirectMerge {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const doc = existing.trim() ? YAML.parseDocument(existing) : YAML.parseDocument(`${HEADER}[]\n`);
  if (doc.errors.length) throw new Error(`${file} is not valid YAML (${doc.errors[0].message}); fix it before importing`);
  if (doc.contents !== null && !isSeq(doc.contents)) throw new Error(`${file} must be a list of {from, to} entries`);
  const seq = (doc.contents as YAMLSeq | null) ?? (doc.createNode([]) as YAMLSeq);
  doc.contents = seq as typeof doc.contents;

  const present = new Map<string, string>();
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const from = String(item.get("from") ?? "");
    const k = keyOfFrom(from);
    if (k && !present.has(k)) present.set(k, String(item.get("to") ?? ""));
  }
  const added: Redirect[] = [];
  const keptEditors: RedirectMerge["keptEditors"] = [];
  let unchanged = 0;
  for (const r of incoming) {
    const k = keyOfFrom(r.from);
    if (!k) continue;
    const to = present.get(k);
    if (to === undefined) {
      seq.items.push(doc.createNode({ from: r.from, to: r.to }));
      present.set(k, r.to);
      added.push(r);
    } else if (to === r.to) unchanged++;
    else keptEditors.push({ from: r.from, to, ours: r.to });
  }
  // A seq that was written as `[]` would stay in flow style: write it as a block list.
  seq.flow = false;
  return { text: added.length ? doc.toString({ lineWidth: 0 }) : existing, added, unchanged, keptEditors };
}
