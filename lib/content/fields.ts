// Field values checked against the one schema (contentlayer.config.ts's
// document and nested types) before contentlayer2 sees them, so a mistake is
// named with its line and a sentence, and the values contentlayer would take
// silently are refused: 2026-02-30 (which a Date turns into 2 March), text
// with a carriage return left by Windows line endings, an empty string where a
// value is required, the same entry twice in a list.
import type { DocumentTypeDef, FieldDef, FieldDefs, NestedType } from "contentlayer2/source-files";

export type FieldProblem = { field: string; message: string; onKey?: boolean };

type Def = { fields?: FieldDefs };
const resolve = <T>(thunk: T | (() => T)): T => (typeof thunk === "function" ? (thunk as () => T)() : thunk);

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Why a date as written is not a real date, or undefined. */
export function dateProblem(field: string, raw: string): string | undefined {
  const m = DATE.exec(raw);
  if (!m) return `${field} "${raw}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `${field} "${raw}" has no month ${m[2]}; months run from 01 to 12`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${field} "${raw}" is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59))
    return `${field} "${raw}" has a time that does not exist`;
  return undefined;
}

/** The date as contentlayer2 stores it (UTC midnight for a plain day). */
export function isoDate(raw: string): string {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw).toISOString();
}

/** Edit distance, for "did you mean" on a misspelt field name (names are short; a library is not worth it). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]++;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export function closest(name: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const o of options) {
    const d = distance(name.toLowerCase(), o.toLowerCase());
    if (d < bestScore) [best, bestScore] = [o, d];
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

const kindOf = (v: unknown) =>
  v === null ? "empty" : Array.isArray(v) ? "a list" : typeof v === "object" ? "a group of fields" : typeof v === "string" ? "text" : `a ${typeof v}`;

/**
 * Checks a document's data against its type and returns the problems and the
 * data as contentlayer2 would store it (defaults filled in, dates as ISO).
 */
export function checkFields(data: unknown, def: DocumentTypeDef | Def): { problems: FieldProblem[]; value: Record<string, unknown> } {
  const problems: FieldProblem[] = [];
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.push({ field: "file", message: `the file must hold fields written as name: value, not ${kindOf(data)}` });
    return { problems, value: {} };
  }
  return { problems, value: checkRecord(data as Record<string, unknown>, def.fields ?? {}, "", problems) };
}

function checkRecord(data: Record<string, unknown>, fields: FieldDefs, prefix: string, problems: FieldProblem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = Object.keys(fields);
  for (const key of Object.keys(data)) {
    if (key in fields) continue;
    const guess = closest(key, names);
    problems.push({
      field: prefix + key,
      onKey: true,
      message: guess ? `unknown field "${key}"; did you mean "${guess}"?` : `unknown field "${key}" (fields here: ${names.join(", ")})`,
    });
  }
  for (const [name, fieldDef] of Object.entries(fields) as [string, FieldDef][]) {
    const path = prefix + name;
    const raw = data[name];
    if (raw === undefined || raw === null) {
      if (fieldDef.required) {
        const hint = fieldDef.description ? ` (${fieldDef.description})` : "";
        problems.push({ field: path, onKey: raw === null, message: `${path} is required${hint}` });
      } else if ("default" in fieldDef && fieldDef.default !== undefined) out[name] = fieldDef.default;
      continue;
    }
    const value = checkValue(raw, fieldDef, path, problems);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function checkValue(raw: unknown, def: FieldDef, path: string, problems: FieldProblem[]): unknown {
  const fail = (message: string) => {
    problems.push({ field: path, message });
    return undefined;
  };
  switch (def.type) {
    case "string":
    case "markdown":
    case "mdx":
    case "image":
      if (typeof raw !== "string")
        return fail(`${path} must be text, not ${kindOf(raw)}${typeof raw === "number" || typeof raw === "boolean" ? `; put it in quotes: "${raw}"` : ""}`);
      if (raw.includes("\r")) return fail(`${path} contains a carriage return (Windows line endings); save the file with LF line endings`);
      if (def.required && raw.trim() === "")
        return fail(path.endsWith("alt") ? `${path} is empty: the image has no alt text; describe what it shows` : `${path} is empty`);
      return raw;
    case "enum":
      if (typeof raw !== "string" || !def.options.includes(raw)) return fail(`${path} must be one of ${def.options.join(", ")}, not "${String(raw)}"`);
      return raw;
    case "number":
      if (typeof raw !== "number" || !Number.isFinite(raw)) return fail(`${path} must be a number, not ${kindOf(raw)}`);
      return raw;
    case "boolean":
      if (typeof raw !== "boolean") return fail(`${path} must be true or false, not ${typeof raw === "string" ? `"${raw}"` : kindOf(raw)}`);
      return raw;
    case "date": {
      const text = raw instanceof Date ? raw.toISOString() : typeof raw === "string" ? raw : undefined;
      if (text === undefined) return fail(`${path} must be a date written as YYYY-MM-DD, not ${kindOf(raw)}`);
      const problem = dateProblem(path, text);
      return problem ? fail(problem) : isoDate(text);
    }
    case "json":
      return raw;
    case "list": {
      if (!Array.isArray(raw)) return fail(`${path} must be a list (one "- item" per line, or [a, b]), not ${kindOf(raw)}`);
      const item = def.of as FieldDef | NestedType;
      const seen = new Map<string, number>();
      return raw.map((v, i) => {
        const itemPath = `${path}[${i}]`;
        if (item.type === "nested") return checkNested(v, item as NestedType, itemPath, problems);
        const value = checkValue(v, { ...(item as FieldDef), required: true } as FieldDef, itemPath, problems);
        if (typeof value === "string") {
          const key = value.trim().toLowerCase();
          const first = seen.get(key);
          if (first !== undefined) problems.push({ field: itemPath, message: `${path} lists "${value}" twice (also item ${first + 1}); keep one` });
          else seen.set(key, i);
        }
        return value;
      });
    }
    case "nested":
      return checkNested(raw, def.of as NestedType, path, problems);
    default:
      return raw;
  }
}

function checkNested(raw: unknown, nested: NestedType, path: string, problems: FieldProblem[]): unknown {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    problems.push({ field: path, message: `${path} must be a group of fields (each on its own indented line), not ${kindOf(raw)}` });
    return undefined;
  }
  const def = resolve(nested.def) as Def & { name?: string };
  const value = checkRecord(raw as Record<string, unknown>, def.fields ?? {}, `${path}.`, problems);
  return def.name ? { type: def.name, ...value } : value;
}
