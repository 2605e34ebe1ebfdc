// npm run bench:wordpress [-- --posts 5000 --comments 100000 --regenerate --postgres]
// Imports a generated WordPress export (bench/wordpress/generate.ts: 5,000
// posts, 100,000 comments) into a throwaway copy of the project with a fresh
// database, in its own process, and reports in the same run:
//   (a) baseline: the same file streamed through the XML tokenizer alone (htmlparser2, no conversion)
//   (b) the whole import: read, convert every post to MDX, write files, insert comments, redirects
// as seconds, the ratio (b)/(a), and the importer's peak memory (RSS), against
// the targets of issue #16: under 2 minutes and under 1 GB.
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, cpSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Parser } from "htmlparser2";
import { applyMigrations } from "../lib/db/migrations";
import { generateExport } from "./wordpress/generate";

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const posts = arg("posts", 5000);
const comments = arg("comments", 100_000);
const root = process.cwd();
mkdirSync("bench/results", { recursive: true });
const file = path.resolve(`bench/results/wordpress-${posts}-${comments}.xml`);
if (!existsSync(file) || args.includes("--regenerate")) {
  console.log(`generating ${file} …`);
  await generateExport(file, { posts, comments });
}
const mb = statSync(file).size / 1e6;
console.log(`export: ${mb.toFixed(1)} MB, ${posts} posts, ${comments} comments`);

// (a) Baseline: tokenizing the same bytes, nothing else.
async function baseline(): Promise<number> {
  const t = performance.now();
  let elements = 0;
  const parser = new Parser({ onopentag: () => void elements++ }, { xmlMode: true });
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
  parser.end();
  return (performance.now() - t) / 1000;
}

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-wp-"));
  for (const f of ["node_modules", "lib", "app"]) symlinkSync(path.join(root, f), path.join(dir, f));
  for (const f of ["content", "public"]) cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  return dir;
}

async function importRun(kind: "sqlite" | "postgres") {
  const dir = project();
  const url =
    kind === "sqlite"
      ? `file:${path.join(dir, "bench.db")}`
      : `${process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test"}?schema=bench_wp_${Date.now().toString(36)}`;
  await applyMigrations(url);
  const t = performance.now();
  const out = execFileSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "bench/wordpress/run-import.ts"), dir, file, url], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    // `server-only` is a no-op outside Next (tsconfig.scripts.json).
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.scripts.json") },
  });
  const wall = (performance.now() - t) / 1000;
  const r = JSON.parse(out.trim().split("\n").pop()!) as {
    seconds: number;
    cpuSeconds: number;
    peakMb: number;
    counts: Record<string, { imported: number }>;
  };
  rmSync(dir, { recursive: true, force: true });
  return { kind, wall, ...r };
}

const base = await baseline();
console.log(`(a) baseline, XML tokenizer alone: ${base.toFixed(2)} s`);
const runs = [await importRun("sqlite")];
if (args.includes("--postgres")) runs.push(await importRun("postgres"));
const results = { mb, posts, comments, baselineSeconds: base, runs, cores: os.cpus().length, loadavg: os.loadavg() };
for (const r of runs) {
  console.log(
    `(b) import on ${r.kind}: ${r.wall.toFixed(1)} s wall (${r.seconds.toFixed(1)} s inside, ${r.cpuSeconds.toFixed(1)} s of CPU), ${(r.wall / base).toFixed(1)}x the baseline, peak ${r.peakMb.toFixed(0)} MB; ` +
      `${r.counts.posts.imported} posts, ${r.counts.comments.imported} comments, ${r.counts.redirects.imported} redirects`,
  );
  console.log(`    targets: under 120 s ${r.wall < 120 ? "met" : "MISSED"}, under 1024 MB ${r.peakMb < 1024 ? "met" : "MISSED"}`);
}
console.log(
  `machine: ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (a loaded machine slows both (a) and (b))`,
);
writeFileSync("bench/results/wordpress.json", `${JSON.stringify(results, null, 2)}\n`);
