// The editors' files as written: text, the frontmatter (or the whole YAML
// file) parsed with the position of every field, and the MDX body with the
// line it starts on. contentlayer2 turns the same files into documents; this
// keeps what it drops (where each value was written, the exact text of a
// date), so a problem can name the line and column.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import type { Pos } from "./body-facts";
import { yamlDocument } from "./yaml";

export type SourceFile = {
  /** Path from the project root: content/articles/tech-neck.mdx */
  file: string;
  /** Path inside content/, as contentlayer names it: articles/tech-neck.mdx */
  rel: string;
  text: string;
  hash: string;
};

export type FieldPositions = Record<string, { key?: Pos; value: Pos }>;

export type ParsedSource = {
  /** The YAML data (frontmatter of an MDX file, or the whole YAML file); undefined when it does not parse. */
  data: unknown;
  fields: FieldPositions;
  /** YAML comments by line: `# accept-claim …` lines live here. */
  comments: Record<number, string>;
  yamlError?: { at: Pos; message: string };
  /** MDX files: the body and the number of file lines before it. */
  body?: { text: string; lineOffset: number };
  /** MDX files whose frontmatter block is missing or never closed. */
  frontmatterError?: string;
};

/** Files contentlayer2 would read: .md, .mdx, .json, .yaml and .yml under content/ (dot-folders and node_modules skipped). */
export function readContentSources(root: string, contentDir = "content"): SourceFile[] {
  // turbopackIgnore: the content check's own reading; without it the build traces the whole project.
  const base = path.join(/*turbopackIgnore: true*/ root, contentDir);
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(mdx?|json|ya?ml)$/.test(entry.name)) {
        const text = readFileSync(full, "utf8");
        const rel = path.relative(base, full).split(path.sep).join("/");
        out.push({ file: `${contentDir}/${rel}`, rel, text, hash: createHash("sha1").update(text).digest("hex") });
      }
    }
  };
  walk(base);
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

/**
 * Splits an MDX file the way contentlayer2 (gray-matter) does: a `---` line,
 * YAML, a `---` line, then the body.
 */
export function splitFrontmatter(text: string): { yaml: string; yamlLine: number; body: string; lineOffset: number } | { error: string } {
  const lines = text.split("\n");
  if (lines[0].replace(/\r$/, "") !== "---")
    return { error: "the file must start with a frontmatter block: a line with ---, the fields, and another line with ---" };
  const end = lines.findIndex((l, i) => i > 0 && l.replace(/\r$/, "") === "---");
  if (end === -1) return { error: "the frontmatter block is never closed; add a line with --- after the last field" };
  return { yaml: lines.slice(1, end).join("\n"), yamlLine: 2, body: lines.slice(end + 1).join("\n"), lineOffset: end + 1 };
}

/** Parses a source file: YAML with positions, and for MDX the body. */
export function parseSource(source: SourceFile): ParsedSource {
  const isMdx = /\.mdx?$/.test(source.rel);
  if (!isMdx) return { ...parseYaml(source.text, 1) };
  const split = splitFrontmatter(source.text);
  if ("error" in split) return { data: undefined, fields: {}, comments: {}, frontmatterError: split.error };
  return { ...parseYaml(split.yaml, split.yamlLine), body: { text: split.body, lineOffset: split.lineOffset } };
}

function parseYaml(text: string, firstLine: number): Omit<ParsedSource, "body"> {
  const { doc, at } = yamlDocument(text, firstLine);
  const comments: Record<number, string> = {};
  text.split("\n").forEach((l, i) => {
    const hash = l.search(/(^|\s)#/);
    if (hash !== -1) comments[i + firstLine] = l.slice(hash).trim().replace(/^#\s*/, "");
  });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { data: undefined, fields: {}, comments, yamlError: { at: at(e.pos[0]), message: yamlMessage(e.code, e.message) } };
  }
  const fields: FieldPositions = {};
  const walk = (node: YamlNode | null | undefined, prefix: string) => {
    if (isMap(node))
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : "";
        const p = prefix ? `${prefix}.${key}` : key;
        const value = pair.value as YamlNode | null;
        fields[p] = {
          key: at(isScalar(pair.key) ? pair.key.range?.[0] : undefined),
          value: at(value?.range?.[0] ?? (isScalar(pair.key) ? pair.key.range?.[0] : undefined)),
        };
        walk(value, p);
      }
    else if (isSeq(node))
      node.items.forEach((item, i) => {
        const p = `${prefix}[${i}]`;
        fields[p] = { value: at((item as YamlNode | null)?.range?.[0]) };
        walk(item as YamlNode, p);
      });
  };
  walk(doc.contents as YamlNode, "");
  return { data: doc.toJS(), fields, comments };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (code === "DUPLICATE_KEY") return `a field is written twice (${first}); keep one`;
  if (code === "TAB_AS_INDENT") return "a tab is used for indentation; YAML needs spaces";
  if (code === "BAD_INDENT" || code === "MISSING_CHAR") return `the indentation or punctuation is off (${first})`;
  if (code === "BLOCK_AS_IMPLICIT_KEY" || code === "MULTILINE_IMPLICIT_KEY")
    return `a value runs over several lines or contains ": " (${first}); put the value in quotes`;
  return `not valid YAML: ${first}`;
}
