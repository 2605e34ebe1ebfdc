/**
 * YAML for the files the importer writes (frontmatter, category files),
 * written directly instead of through a general YAML serialiser: the shapes
 * are fixed (strings, dates, booleans, lists of strings, one level of
 * nesting), thousands of files are written per import, and a general
 * serialiser took a tenth of the import's time. Strings stay plain where
 * YAML reads them back unchanged, and are written double-quoted (JSON's
 * escapes are YAML's) otherwise. yaml.test.ts-style round trips in
 * frontmatter.test.ts hold it to that.
 */
export type YamlValue = string | boolean | number | Date | string[] | { [k: string]: YamlValue };

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~|\.nan|\.inf|-\.inf)$/i;
const NUMBERISH = /^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^0x[0-9a-f]+$|^0o[0-7]+$|^\d{4}-\d\d?-\d\d?/i;

export function yamlString(s: string): string {
  const plain =
    s.length > 0 &&
    s === s.trim() &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/: |:$| #|[\u0000-\u001f\u007f\u2028\u2029\ufeff]/.test(s) &&
    !RESERVED.test(s) &&
    !NUMBERISH.test(s);
  return plain ? s : JSON.stringify(s);
}

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function value(v: YamlValue, indent: string): string {
  if (v instanceof Date) return ` ${isoSeconds(v)}`;
  if (typeof v === "string") return ` ${yamlString(v)}`;
  if (typeof v === "boolean" || typeof v === "number") return ` ${String(v)}`;
  if (Array.isArray(v)) return v.length ? v.map((x) => `\n${indent}  - ${yamlString(x)}`).join("") : " []";
  return Object.entries(v)
    .map(([k, x]) => `\n${indent}  ${k}:${value(x, `${indent}  `)}`)
    .join("");
}

/** A YAML mapping, keys in the order given, undefined values left out. */
export function yamlDocument(data: Record<string, YamlValue | undefined>): string {
  return Object.entries(data)
    .filter((e): e is [string, YamlValue] => e[1] !== undefined)
    .map(([k, v]) => `${k}:${value(v, "")}\n`)
    .join("");
}
