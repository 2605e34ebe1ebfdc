// npm run bench:content [-- --articles 1000]
// The content check on generated articles (bench/content/generate.ts), cold
// (no .contentlayer: a fresh clone or CI) and warm (nothing changed since the
// last run; and one article edited), against a baseline measured in the same
// run on the same files: `contentlayer2 build`, the compile alone, which is
// what content:check ran before it checked anything itself.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateProject } from "./content/generate";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    help: { type: "boolean", short: "h", default: false },
    keep: { type: "boolean", default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(
    "Usage: npm run bench:content -- [--articles N] [--keep]\n\nTimes content:check cold and warm on N generated articles against contentlayer2 build alone.",
  );
  process.exit(0);
}
const n = Number(values.articles);
if (!Number.isInteger(n) || n < 1) throw new Error(`--articles must be a positive whole number, not "${values.articles}"`);

const root = process.cwd();
const dir = generateProject(root, n);
// contentlayer2 takes its project root from $PWD rather than the process's directory.
const env = { ...process.env, PWD: dir, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.scripts.json") };
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

function time(label: string, cmd: string, args: string[], expectStatus = 0): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== expectStatus) throw new Error(`${label} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  console.log(`${label.padEnd(42)} ${seconds.toFixed(1).padStart(6)} s   (load ${load()})`);
  return seconds;
}
const cold = () => rmSync(path.join(dir, ".contentlayer"), { recursive: true, force: true });
const contentlayer: [string, string[]] = [path.join(root, "node_modules/.bin/contentlayer2"), ["build"]];
const check: [string, string[]] = [path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/content-check.ts")]];

console.log(`bench:content — ${n} generated articles + the sample content, ${os.cpus().length} cores, load ${load()}\n`);
cold();
const baselineCold = time("baseline: contentlayer2 build, cold", ...contentlayer);
const baselineWarm = time("baseline: contentlayer2 build, warm", ...contentlayer);
cold();
const checkCold = time("content:check, cold", ...check);
const checkWarm = time("content:check, warm (nothing changed)", ...check);
const edited = path.join(dir, "content/articles/generated/generated-0000.mdx");
writeFileSync(edited, readFileSync(edited, "utf8").replace("## What to try", "## What to try today"));
const checkEdit = time("content:check, warm (one article edited)", ...check);

const result = {
  articles: n,
  cores: os.cpus().length,
  loadAfter: os.loadavg(),
  seconds: { baselineCold, baselineWarm, checkCold, checkWarm, checkEdit },
  ratios: { coldVsBaseline: checkCold / baselineCold, warmVsBaseline: checkWarm / baselineWarm },
  targets: { coldUnder40s: checkCold < 40, warmUnder10s: checkWarm < 10 },
};
console.log(
  `\ncold: ${checkCold.toFixed(1)} s (${result.ratios.coldVsBaseline.toFixed(2)}× contentlayer2 build alone; target < 40 s: ${result.targets.coldUnder40s ? "met" : "NOT met"})` +
    `\nwarm: ${checkWarm.toFixed(1)} s (${result.ratios.warmVsBaseline.toFixed(2)}× contentlayer2 build alone; target < 10 s: ${result.targets.warmUnder10s ? "met" : "NOT met"})`,
);
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/content.json"), JSON.stringify(result, null, 2));
if (values.keep) console.log(`project kept at ${dir}`);
else rmSync(dir, { recursive: true, force: true });
