// npm run content -- <command>: editors' tools for content/.
//   review-due [--within DAYS] [--format text|json]
//                 articles whose medical review is overdue (or due within DAYS)
//   watch         recompile content/ on every save and report problems (npm run dev runs it)
//   preview-link <slug> [--hours H] [--newsletter]
//                 a signed, expiring link to an unpublished article (or issue) on the site
import { argsOrExit } from "./args";
import { documentTypes } from "../contentlayer.config";
import { checkContent } from "../lib/content/check";
import { contentSetOf } from "../lib/content/integrity";
import { reviewsDue } from "../lib/content/review";
import { readSettings } from "../lib/content/settings";

const HELP = `Usage: npm run content -- <command> [options]

Commands:
  review-due   list published articles whose medical review is overdue, with
               their reviewer and due date (exit 1 when any is overdue)
                 --within DAYS   also list reviews due in the next DAYS days
                 --format FMT    text (default) or json
  watch        recompile content/ whenever a file changes and print every
               problem the content check finds (npm run dev runs this)
  preview-link <slug>
               print a signed link that shows a draft or scheduled article
               on the site as it will look, with a "Preview" banner; it stops
               working when it expires or SECRET_KEY changes
                 --hours H       how long the link works (default 48, at most 168)
                 --newsletter    the newsletter issue <slug> (its web view) instead

  -h, --help   show this help
`;

const { values, positionals } = argsOrExit("content", HELP, {
  allowPositionals: true,
  options: {
    within: { type: "string" },
    hours: { type: "string" },
    newsletter: { type: "boolean", default: false },
    format: { type: "string", default: "text" },
    help: { type: "boolean", short: "h", default: false },
  },
});
const [command] = positionals;
const fail = (message: string): never => {
  process.stderr.write(`content: ${message}\n\n${HELP}`);
  process.exit(2);
};
if (values.help || !command) {
  process.stdout.write(HELP);
  process.exit(values.help ? 0 : 2);
}
const root = process.cwd();

if (command === "review-due") {
  const within = values.within === undefined ? 0 : Number(values.within);
  if (!Number.isInteger(within) || within < 0) fail(`--within must be a whole number of days, not "${values.within}"`);
  if (values.format !== "text" && values.format !== "json") fail(`--format must be text or json, not "${values.format}"`);
  const { files } = checkContent({ root, documentTypes });
  const set = contentSetOf(files);
  const rows = reviewsDue(set, new Date(), readSettings(root).settings.review.everyMonths, within);
  if (values.format === "json") process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (rows.length === 0) process.stdout.write(`No medical review is overdue${within ? ` or due in the next ${within} days` : ""}.\n`);
  else {
    const lines = rows.map(
      (r) =>
        `${r.overdue ? "OVERDUE" : "due    "}  ${r.dueOn.slice(0, 10)}  ${r.file}  reviewer: ${r.reviewerName ?? "none named"}  last reviewed: ${r.reviewedOn?.slice(0, 10) ?? "never"}`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  process.exit(rows.some((r) => r.overdue) ? 1 : 0);
} else if (command === "preview-link") {
  const slug = positionals[1];
  if (!slug || positionals.length > 2) fail("preview-link needs one slug, e.g. preview-link future-piece");
  const hours = values.hours === undefined ? undefined : Number(values.hours);
  if (hours !== undefined && !(Number.isFinite(hours) && hours > 0 && hours <= 168))
    fail(`--hours must be a number of hours above 0 and at most 168, not "${values.hours}"`);
  const { previewLinkFor } = await import("../lib/preview-link");
  const link = previewLinkFor(values.newsletter ? "newsletter" : "article", slug, { hours });
  if ("error" in link) {
    process.stderr.write(`content: ${link.error}\n`);
    process.exit(1);
  }
  const note = link.state === "published" ? "  (this article is already published; the link shows the public page)" : `  (${link.state})`;
  process.stdout.write(`${link.url}\n`);
  process.stderr.write(`opens ${link.path}${note}; works until ${link.expiresAt.toISOString()} or until SECRET_KEY changes\n`);
  process.exit(0);
} else if (command === "watch") {
  const { watchContent } = await import("../lib/content/compile");
  const { reportContentOnSave } = await import("../lib/content/on-save");
  // contentlayer2 prints "successCallback <dir>" after every compile; an editor has no use for it.
  const log = console.log.bind(console);
  console.log = (...args: unknown[]) => {
    if (args[0] !== "successCallback") log(...args);
  };
  console.log("content: watching content/ — problems are printed after every save");
  // A successful compile is reported by contentlayer's onSuccess hook; one that
  // failed never reaches it, so the check is run here for those.
  await watchContent(root, (result) => {
    if (!result.ok)
      reportContentOnSave(root, documentTypes, "content: the last save could not be compiled; the site shows the content from before it");
  });
} else fail(`unknown command "${command}"`);
