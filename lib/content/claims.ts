// Health-claim rules (content/claims.yaml): phrases an editor writes as
// words, matched in any inflection ("cure" finds cures, cured, curing) by
// comparing Porter stems (the `stemmer` package) token by token. Quotations
// ("…", blockquotes, <q>) and code are never read; a phrase after a negation
// ("we never promise a miracle") is not a claim; one occurrence can be
// accepted with a reason in the file itself.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { stemmer } from "stemmer";
import { z } from "zod";
import type { Pos, ProseBlock } from "./body-facts";
import { yamlDocument } from "./yaml";
import { proseAt } from "./body-facts";

export const CLAIMS_FILE = "content/claims.yaml";

/** The kinds of content a rule reads; a rule without `applies-to` reads all of them. */
export const CLAIM_KINDS = ["article", "product", "recommendation-set", "newsletter", "page"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

const phraseList = z.array(z.string().trim().min(1)).min(1);
const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "an id is lower-case words joined by hyphens"),
    level: z.enum(["error", "warning"], { message: 'level must be "error" or "warning"' }),
    phrases: phraseList,
    "applies-to": z.array(z.enum(CLAIM_KINDS, { message: `applies-to lists kinds of content: ${CLAIM_KINDS.join(", ")}` })).min(1).optional(),
    "with-any": phraseList.optional(),
    unless: z.enum(["cited"], { message: "unless can only be cited" }).optional(),
    "unless-nearby": phraseList.optional(),
    reason: z.string({ message: "reason is required: why the phrase is a problem" }).trim().min(1),
    suggestion: z.string({ message: "suggestion is required: what to write instead" }).trim().min(1),
  })
  .strict();
const fileSchema = z.object({ rules: z.array(ruleSchema) }).strict();

export type ClaimRuleSource = z.infer<typeof ruleSchema>;

type Tokens = { stems: string[]; starts: number[]; ends: number[] };
export type ClaimRule = ClaimRuleSource & {
  kinds: Set<ClaimKind>;
  phraseStems: string[][];
  withStems: string[][];
  nearbyStems: string[][];
};

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*%?/gu;

export function tokens(text: string): Tokens {
  const out: Tokens = { stems: [], starts: [], ends: [] };
  for (const m of text.matchAll(WORD)) {
    out.stems.push(stem(m[0]));
    out.starts.push(m.index);
    out.ends.push(m.index + m[0].length);
  }
  return out;
}

// Prose repeats its words; stemming each distinct word once makes claim matching a small part of the check.
const stems = new Map<string, string>();
const stem = (word: string) => {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word.toLowerCase().replace(/’/g, "'"));
    if (stems.size < 200_000) stems.set(word, s);
  }
  return s;
};
const phraseStems = (phrase: string) => tokens(phrase).stems;

export function compileRules(rules: ClaimRuleSource[]): ClaimRule[] {
  return rules.map((r) => ({
    ...r,
    kinds: new Set(r["applies-to"] ?? CLAIM_KINDS),
    phraseStems: r.phrases.map(phraseStems),
    withStems: (r["with-any"] ?? []).map(phraseStems),
    nearbyStems: (r["unless-nearby"] ?? []).map(phraseStems),
  }));
}

export type ClaimRulesFile = { rules: ClaimRule[]; problems: { line: number; column: number; field: string; message: string }[] };

/** Reads content/claims.yaml; a malformed rule is reported (with its line) and left out, the others apply. */
export function parseClaimRules(text: string): ClaimRulesFile {
  const { doc, at, atPath } = yamlDocument(text);
  if (doc.errors.length > 0)
    return { rules: [], problems: [{ ...at(doc.errors[0].pos[0]), field: "file", message: `not valid YAML: ${doc.errors[0].message.split("\n")[0]}` }] };
  const parsed = fileSchema.safeParse(doc.toJS() ?? { rules: [] });
  if (parsed.success) return { rules: compileRules(parsed.data.rules), problems: [] };
  const problems = parsed.error.issues.map((i) => {
    return {
      ...atPath(i.path),
      field: i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "file",
      message: i.code === "unrecognized_keys" ? `unknown field ${i.keys.map((k) => `"${k}"`).join(", ")} in a rule` : i.message,
    };
  });
  const raw = (doc.toJS() as { rules?: unknown[] } | null)?.rules;
  const good = Array.isArray(raw) ? raw.flatMap((r) => { const ok = ruleSchema.safeParse(r); return ok.success ? [ok.data] : []; }) : [];
  return { rules: compileRules(good), problems };
}

export function readClaimRules(root = process.cwd()): ClaimRulesFile & { text: string } {
  const file = path.join(root, CLAIMS_FILE);
  if (!existsSync(file)) return { rules: [], problems: [], text: "" };
  const text = readFileSync(file, "utf8");
  return { ...parseClaimRules(text), text };
}

export type ClaimMatch = {
  rule: ClaimRule;
  at: Pos;
  /** The words as written, e.g. "cures". */
  words: string;
  sentence: string;
};

const NEGATORS = new Set(["no", "not", "never", "without", "nothing", "cannot", "can't", "don't", "doesn't", "isn't", "aren't", "won't", "nor", "neither", "none"].map(stem));
const CLAUSE_BREAK = /[,;:()—–]|\bbut\b/i;

/** Where each sentence of a text starts and ends. */
function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?]+(?=\s|$)|\n\s*\n/g)) {
    out.push([start, m.index + m[0].length]);
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/** Spans inside double quotes: someone else's words. */
function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(/"[^"\n]*"|“[^”]*”/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

const find = (hay: string[], needle: string[], from = 0, to = hay.length): number => {
  outer: for (let i = from; i + needle.length <= to; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

/**
 * Claims in one run of prose. `where` maps a character of `text` to its
 * position in the file; `cited` says a citation sits beside this text.
 */
export function findClaims(
  text: string,
  rules: ClaimRule[],
  kind: ClaimKind,
  where: (index: number) => Pos,
  context: { cited: boolean; nearbyText: string },
): ClaimMatch[] {
  const applicable = rules.filter((r) => r.kinds.has(kind));
  if (applicable.length === 0) return [];
  // Most text matches nothing: look for any phrase's first word before doing more.
  const firstWords = new Set(applicable.flatMap((r) => r.phraseStems.map((p) => p[0])));
  const all = tokens(text);
  if (!all.stems.some((w) => firstWords.has(w))) return [];
  const quotes = quotedSpans(text);
  const nearby = tokens(context.nearbyText).stems;
  const found: (ClaimMatch & { start: number; end: number; length: number; order: number })[] = [];
  // Matches a rule excuses (a citation beside "clinically proven") still cover their words, so a
  // shorter phrase inside them ("proven") is not reported in their place.
  const excused: [number, number][] = [];
  for (const [s, e] of sentences(text)) {
    const sentenceText = text.slice(s, e);
    const tk = tokens(sentenceText);
    applicable.forEach((rule, order) => {
      if (rule.withStems.length > 0 && !rule.withStems.some((w) => find(tk.stems, w) !== -1)) return;
      const excuse = (rule.unless === "cited" && context.cited) || rule.nearbyStems.some((w) => find(nearby, w) !== -1);
      for (const phrase of rule.phraseStems) {
        for (let i = find(tk.stems, phrase); i !== -1; i = find(tk.stems, phrase, i + 1)) {
          const start = s + tk.starts[i];
          const end = s + tk.ends[i + phrase.length - 1];
          if (quotes.some(([qs, qe]) => start >= qs && end <= qe)) continue;
          if (negated(sentenceText, tk, i)) continue;
          if (excuse) {
            excused.push([start, end]);
            continue;
          }
          found.push({
            rule,
            at: where(start),
            words: text.slice(start, end),
            sentence: sentenceText.trim().replace(/\s+/g, " "),
            start,
            end,
            length: phrase.length,
            order,
          });
        }
      }
    });
  }
  // Where matches overlap ("clinically proven" and "proven"), the longer, more specific one stands.
  found.sort((a, b) => b.length - a.length || a.order - b.order || a.start - b.start);
  const kept: typeof found = [];
  const overlaps = (a: { start: number; end: number }, [s, e]: [number, number]) => a.start < e && s < a.end;
  for (const m of found) if (!kept.some((k) => overlaps(m, [k.start, k.end])) && !excused.some((x) => overlaps(m, x))) kept.push(m);
  return kept.sort((a, b) => a.start - b.start).map(({ rule, at, words, sentence }) => ({ rule, at, words, sentence }));
}

/** A negation shortly before the phrase (four words), or earlier in the same clause, makes it not a claim. */
function negated(sentence: string, tk: Tokens, index: number): boolean {
  for (let j = index - 1; j >= 0; j--) {
    if (index - j > 4 && CLAUSE_BREAK.test(sentence.slice(tk.ends[j], tk.starts[index]))) return false;
    if (NEGATORS.has(tk.stems[j])) return true;
  }
  return false;
}

/** Claims in an MDX body's prose blocks. */
export function findClaimsInProse(blocks: ProseBlock[], rules: ClaimRule[], kind: ClaimKind): ClaimMatch[] {
  const all = blocks.map((b) => b.text).join("\n\n");
  return blocks.flatMap((b, i) =>
    findClaims(b.text, rules, kind, (index) => proseAt(b, index), {
      cited: b.cited,
      nearbyText: kind === "article" || kind === "newsletter" || kind === "page" ? [blocks[i - 1]?.text, b.text, blocks[i + 1]?.text].join(" ") : all,
    }),
  );
}
