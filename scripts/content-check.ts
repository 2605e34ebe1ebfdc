// npm run content:check — every step the build runs on content, with each
// problem named by file, line, column and field in a sentence an editor can
// act on, all problems in one run:
//   1. every file in content/ read and checked on its own (names, YAML, field
//      values and dates, MDX syntax, components, links, images, references,
//      claim rules), then what spans documents (references, publication
//      dates, duplicates, the review cycle, redirects) — lib/content/check.ts;
//   2. contentlayer2, as a library, compiles content/, every article,
//      newsletter, page and author body is rendered with the site's
//      components, and each issue as an email
//      (scripts/content-build.ts, in a worker thread alongside step 1).
// Exits 1 on an error (or, with --strict, a warning). Runs in the current
// directory, so tests can point it at a fixture project.
import { argsOrExit } from "./args";
import { Worker } from "node:worker_threads";
import type { ContentProblem } from "../lib/content/problems";
import type { ReportFormat } from "../lib/content/report";
import type { BuildOutcome } from "./content-build";

const HELP = `Usage: npm run content:check -- [--strict] [--format text|github|json]

Checks everything in content/ the way the build uses it and reports every
problem with its file, line, column and field.

  --strict          warnings fail the check too (use it in CI)
  --format FORMAT   text (default), github (annotations for a pull request) or json
  --no-render       skip rendering the bodies (faster; the build still renders them)
  -h, --help        show this help
`;

const { values } = argsOrExit("content:check", HELP, {
  options: {
    strict: { type: "boolean", default: false },
    format: { type: "string", default: "text" },
    "no-render": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
const format = values.format as ReportFormat;
if (!["text", "github", "json"].includes(format)) {
  process.stderr.write(`content:check: --format must be text, github or json, not "${values.format}"\n\n${HELP}`);
  process.exit(2);
}

// Loaded after the arguments are read, so --help and a mistyped flag answer at once.
const { documentTypes } = await import("../contentlayer.config");
const { fileCache } = await import("../lib/content/check-cache");
const { checkContent } = await import("../lib/content/check");
const { sortProblems } = await import("../lib/content/problems");
const { formatGithub, formatJson, formatText, summaryLine, verdict } = await import("../lib/content/report");

const root = process.cwd();
const { buildStamp, readBuildRecord, writeBuildRecord } = await import("../lib/content/build-record");
const stamp = buildStamp(root, !values["no-render"]);
const record = readBuildRecord(root);
// When nothing that goes into the compile and render changed since the last
// run, .contentlayer already holds their output: its problems are reused.
const upToDate = record?.stamp === stamp;
let worker: Worker | undefined;
const built: Promise<BuildOutcome> = upToDate
  ? Promise.resolve(record.outcome)
  : new Promise<BuildOutcome>((resolve) => {
      // Compiling and rendering run in a worker thread while this thread analyses the files.
      worker = new Worker(new URL("./content-build-worker.mjs", import.meta.url), {
        workerData: { root, render: !values["no-render"] },
        // A larger young generation: the compile allocates many short-lived objects (about 10% less CPU).
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      worker.once("message", resolve);
      worker.once("error", (e) => resolve({ compiled: false, message: e.message.split("\n")[0] }));
    });
const cache = fileCache(root);
const result = checkContent({ root, documentTypes, cache });
cache.save();
const problems: ContentProblem[] = [...result.problems];
const outcome = await built;
await worker?.terminate();
if (!upToDate) writeBuildRecord(root, outcome.compiled ? { stamp, outcome } : undefined);
const withErrors = new Set(problems.filter((p) => p.severity === "error").map((p) => p.file));
if (!outcome.compiled) {
  // When the analysis found what stops the compile, its messages say it better than contentlayer's.
  if (result.blockingFiles.length === 0)
    problems.push({
      file: "content",
      field: "file",
      rule: "compile",
      severity: "error",
      message: `contentlayer2 could not compile content/: ${outcome.message}`,
    });
  else notice("the build output (.contentlayer) was not updated; fix the errors below and run the check again");
} else for (const p of outcome.problems) if (!withErrors.has(p.file)) problems.push(p);

const v = verdict(problems, values.strict);
const sorted = sortProblems(problems);
if (format === "json") process.stdout.write(`${formatJson(sorted, v, result.files.length)}\n`);
else {
  const body = format === "github" ? formatGithub(sorted, values.strict) : formatText(sorted, values.strict);
  if (body) (v.failed ? process.stderr : process.stdout).write(`${body}\n`);
  (v.failed ? process.stderr : process.stdout).write(`${summaryLine(v, result.files.length)}\n`);
}
process.exit(v.failed ? 1 : 0);

function notice(message: string) {
  if (format !== "json") process.stderr.write(`content:check: ${message}\n`);
}
