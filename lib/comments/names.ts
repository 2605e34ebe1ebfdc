import { personNameProblem } from "../text/person-name";

/**
 * What a commenter may call themselves: a plain person's name
 * (lib/text/person-name.ts: it is quoted in reply notices to other
 * commenters), and nothing that passes for the publication's staff. Staff
 * speak with a badge, from the signed-in console.
 */
const RESERVED = [
  "editor",
  "editors",
  "editorial",
  "moderator",
  "admin",
  "administrator",
  "staff",
  "official",
  "medical reviewer",
  "reviewer",
];

/** Words of a name, lower case, accents and compatibility forms folded: "Ëditor" and "ＥＤＩＴＯＲ" read "editor". */
export function nameWords(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const containsRun = (words: string[], run: string[]) => run.length > 0 && words.some((_, i) => run.every((w, j) => words[i + j] === w));

export type NameRules = { siteName: string; staffNames: string[] };

// The reserved names as words, once per rules object: folding them is most of
// a name check's cost, and the comment route passes the same object while the
// site's content is unchanged (wiring/comments.ts).
const reservedWords = new WeakMap<NameRules, string[][]>();
function reservedWordsOf(rules: NameRules): string[][] {
  let words = reservedWords.get(rules);
  if (!words) reservedWords.set(rules, (words = [...RESERVED, rules.siteName, ...rules.staffNames].map(nameWords)));
  return words;
}

/** A sentence saying why the name cannot be used, or undefined when it can. */
export function nameProblem(name: string, rules: NameRules): string | undefined {
  const plain = personNameProblem(name);
  if (plain) return plain;
  const words = nameWords(name);
  // "E d i t o r" is the word spelled out: also compare the letters run together.
  const joined = [words.join("")];
  const reserved = reservedWordsOf(rules);
  if (reserved.some((r) => containsRun(words, r) || containsRun(joined, [r.join("")])))
    return "That name is reserved for the publication's staff; please use your own name";
  return undefined;
}
