/**
 * One thing an editor should fix (error) or look at (warning), named by file,
 * position and field, with a sentence that says what is wrong and what to do.
 */
export type ContentProblem = {
  /** Path from the project root, e.g. content/articles/tech-neck.mdx */
  file: string;
  /** 1-based line and column in that file, where there is one. */
  line?: number;
  column?: number;
  /** The frontmatter field ("hero.alt", "references[2].doi"), "body", or "file" for the file itself. */
  field: string;
  /** A stable id of the rule that found it, e.g. "reference", "date", or a claim rule's id. */
  rule: string;
  severity: "error" | "warning";
  message: string;
  /** Set when an editor accepted this occurrence in the file (with this reason): listed, never failing. */
  accepted?: string;
};

export type ProblemSink = (p: Omit<ContentProblem, "severity" | "rule"> & Partial<Pick<ContentProblem, "severity" | "rule">>) => void;

/** Sorted by file, then position, so a report reads top to bottom like the files. */
export function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.field.localeCompare(b.field) ||
      a.message.localeCompare(b.message),
  );
}
