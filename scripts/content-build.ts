// content:check's second half, run in a worker thread while the main thread
// analyses every file (the two take similar time, and this machine has more
// than one core): contentlayer2 compiles content/ as a library, then every
// article, newsletter, page and author body is rendered with the site's
// components (reusing .contentlayer/rendered.json for bodies that did not
// change), and each newsletter issue as an email. Failures come back as
// problems against their files, never as stack traces.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { compileContent } from "../lib/content/compile";
import type { ContentProblem } from "../lib/content/problems";

export type BuildOutcome = { compiled: true; problems: ContentProblem[] } | { compiled: false; message: string };

async function build(root: string, render: boolean): Promise<BuildOutcome> {
  const compiled = await compileContent(root);
  if (!compiled.ok) return { compiled: false, message: compiled.message };
  if (!render) return { compiled: true, problems: [] };
  // Loaded only now: the components read .contentlayer/generated through lib/content.
  const { mdxToHtml } = await import("../components/mdx-html");
  const { renderKey } = await import("../lib/content/body-key");
  type Doc = { _raw: { sourceFilePath: string }; body: { code: string }; slug: string };
  const generated = (type: string): Doc[] => {
    const file = path.join(root, ".contentlayer", "generated", type, "_index.json");
    return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
  };
  const problems: ContentProblem[] = [];
  const renderedFile = path.join(root, ".contentlayer", "rendered.json");
  const previous: Record<string, string> = existsSync(renderedFile) ? JSON.parse(readFileSync(renderedFile, "utf8")) : {};
  const rendered: Record<string, string> = {};
  const articles = generated("Article");
  for (const doc of [...articles, ...generated("Newsletter"), ...generated("Page"), ...generated("Author")]) {
    // Articles' bodies are rendered for their article (product links carry from=, issue #18), as content:render does.
    const from = articles.includes(doc) ? doc.slug : undefined;
    const key = renderKey(doc.body.code, from);
    if (previous[key] !== undefined) {
      rendered[key] = previous[key];
      continue;
    }
    try {
      rendered[key] = mdxToHtml(doc.body.code, from);
    } catch (e) {
      problems.push({
        file: `content/${doc._raw.sourceFilePath}`,
        field: "body",
        rule: "render",
        severity: "error",
        message: `the body fails to render: ${firstLine(e)}`,
      });
    }
  }
  mkdirSync(path.dirname(renderedFile), { recursive: true });
  writeFileSync(renderedFile, JSON.stringify(rendered));
  // content:render also renders each issue as an email (the editor console's preview); so does the check.
  const { renderNewsletterIssue } = await import("../components/email/issue");
  const { env } = await import("../lib/env");
  for (const n of generated("Newsletter"))
    try {
      renderNewsletterIssue(n as never, env().PUBLIC_URL);
    } catch (e) {
      problems.push({
        file: `content/${n._raw.sourceFilePath}`,
        field: "body",
        rule: "render",
        severity: "error",
        message: `the issue fails to render as an email: ${firstLine(e)}`,
      });
    }
  return { compiled: true, problems };
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split("\n")[0];
}

const { root, render } = workerData as { root: string; render: boolean };
build(root, render).then(
  (outcome) => parentPort!.postMessage(outcome),
  (e) => parentPort!.postMessage({ compiled: false, message: firstLine(e) } satisfies BuildOutcome),
);
