// The check's report in three forms: text for a person at a terminal,
// GitHub workflow commands (annotations on the lines at fault in a pull
// request), and JSON for tools.
import type { ContentProblem } from "./problems";

export type ReportFormat = "text" | "github" | "json";

export type Verdict = { errors: number; warnings: number; accepted: number; failed: boolean };

/** Counts, with warnings failing the run under --strict; accepted claims never fail it. */
export function verdict(problems: ContentProblem[], strict: boolean): Verdict {
  const open = problems.filter((p) => p.accepted === undefined);
  const errors = open.filter((p) => p.severity === "error").length;
  const warnings = open.length - errors;
  return { errors, warnings, accepted: problems.length - open.length, failed: errors > 0 || (strict && warnings > 0) };
}

const where = (p: ContentProblem) => `${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ""}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function formatText(problems: ContentProblem[], strict: boolean): string {
  const lines = problems.map((p) => {
    const level = p.accepted !== undefined ? "accepted" : strict && p.severity === "warning" ? "error" : p.severity;
    const tail = p.accepted !== undefined ? ` (accepted: ${p.accepted})` : "";
    return `${where(p)}  ${level}  ${p.field}: ${p.message} [${p.rule}]${tail}`;
  });
  return lines.join("\n");
}

export function summaryLine(v: Verdict, documents: number): string {
  const parts = [plural(v.errors, "error"), plural(v.warnings, "warning")];
  if (v.accepted) parts.push(`${v.accepted} accepted`);
  return `content:check: ${documents} documents, ${parts.join(", ")}${v.failed ? "" : " — OK"}`;
}

/** GitHub's workflow-command escaping: % and line breaks in messages, also : and , in properties. */
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(problems: ContentProblem[], strict: boolean): string {
  return problems
    .map((p) => {
      const command = p.accepted !== undefined ? "notice" : strict || p.severity === "error" ? "error" : "warning";
      const props = [`file=${escapeProperty(p.file)}`];
      if (p.line) props.push(`line=${p.line}`, `col=${p.column ?? 1}`);
      props.push(`title=${escapeProperty(`${p.field} (${p.rule})`)}`);
      const message = p.accepted !== undefined ? `${p.message} — accepted: ${p.accepted}` : p.message;
      return `::${command} ${props.join(",")}::${escapeData(message)}`;
    })
    .join("\n");
}

export function formatJson(problems: ContentProblem[], v: Verdict, documents: number): string {
  return JSON.stringify({ documents, ...v, problems }, null, 2);
}
