// npm run bench:build [-- --articles N] [--keep]
// How the build grows with the archive: copies this checkout (the files git
// would commit, plus node_modules as hard links and the generated Prisma
// client) into a temporary directory, adds N generated articles to
// content/articles, and runs `npm run build` there, measuring wall time per
// step and the peak memory of the whole process tree (the sum of every
// descendant's resident set, sampled every 200 ms). The checkout itself is
// never touched. Results: bench/results/build-<N>.json.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmt } from "./lib";

const args = process.argv.slice(2);
const ARTICLES = Number(args[args.indexOf("--articles") + 1]) || 1000;
const KEEP = args.includes("--keep");

// ---- the generated archive -------------------------------------------------
// Deterministic, so two runs build the same site. The prose is assembled from
// sentences written for this generator: realistic length and structure
// (headings, lists, a callout), no meaning beyond that.
let seed = 20_261_125;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

const TOPICS = [
  "lower back",
  "neck",
  "shoulders",
  "hips",
  "upper back",
  "knees",
  "posture",
  "sleep",
  "desk work",
  "lifting",
  "walking",
  "stretching",
];
const OPENERS = [
  "Most people who notice a stiff {t} after a long day are not injured; they have simply stayed still for too long.",
  "A sore {t} is one of the most common reasons people look for advice, and most of the advice is simpler than it sounds.",
  "The {t} is built to move, and it tends to complain when it is asked to hold one position for hours.",
  "When the {t} aches, the first instinct is often to rest completely, yet gentle movement usually helps more.",
];
const SENTENCES = [
  "Short breaks every half hour change the load on muscles and joints before they tire.",
  "Sleep, stress and general fitness shape how sensitive the back feels on any given day.",
  "A routine you enjoy and repeat beats a perfect plan you abandon after a week.",
  "Pain that eases as you warm up is rarely a sign of damage.",
  "Building strength slowly gives tissues time to adapt to new demands.",
  "Many people find that a short walk after sitting does more than a long stretch.",
  "There is no single correct way to sit, stand or lift for everyone.",
  "Progress is rarely a straight line, and a flare-up does not undo weeks of work.",
  "Warmth, gentle movement and reassurance are the usual first steps.",
  "If symptoms spread, worsen quickly or come with numbness, it is time to see a clinician.",
];
const HEADINGS = [
  "What usually helps",
  "Why it aches",
  "A simple routine",
  "When to get help",
  "Small changes at work",
  "Moving through the day",
];

function article(i: number, authors: string[], categories: string[]): string {
  const topic = pick(TOPICS);
  const day = new Date(Date.UTC(2016, 0, 1) + Math.floor(rand() * 3650) * 86_400_000).toISOString().slice(0, 10);
  const para = (n: number) =>
    Array.from({ length: n }, () => pick(SENTENCES)).join(" ") +
    (rand() < 0.2 ? " Product names such as Back\u2122 Support appear in real articles too." : "");
  const sections = Array.from({ length: 4 }, (_, s) => `## ${HEADINGS[(i + s) % HEADINGS.length]}\n\n${para(4)}\n\n${para(3)}\n`);
  return `---
title: "Notes on the ${topic}, part ${i}"
description: "Generated article ${i} of the build benchmark: what tends to help a sore ${topic}, and when to ask for help."
author: ${pick(authors)}
published: ${day}
category: ${pick(categories)}
tags: [${topic.replace(/ /g, "-")}, generated]
hero:
  src: /images/articles/posture-myths.svg
  alt: Abstract illustration used by the generated benchmark articles
---
${OPENERS[i % OPENERS.length].replace("{t}", topic)} ${para(2)}

${sections.slice(0, 2).join("\n")}
<Callout type="note" title="In short">
${pick(SENTENCES)}
</Callout>

${sections.slice(2).join("\n")}
- ${pick(SENTENCES)}
- ${pick(SENTENCES)}
- ${pick(SENTENCES)}
`;
}

// ---- peak memory and CPU of a process tree ----------------------------------
type Sample = { rssBytes: number; cpuByPid: Map<number, number>; rssByPid: Map<number, number> };

function sampleTree(root: number): Sample {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const ppid = Number(status.match(/^PPid:\s+(\d+)/m)?.[1]);
      const kb = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
      rss.set(Number(entry), kb * 1024);
      cpu.set(Number(entry), (Number(stat[11]) + Number(stat[12])) / 100);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const sample: Sample = { rssBytes: 0, cpuByPid: new Map(), rssByPid: new Map() };
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    sample.rssBytes += rss.get(pid) ?? 0;
    sample.rssByPid.set(pid, rss.get(pid) ?? 0);
    if (cpu.has(pid)) sample.cpuByPid.set(pid, cpu.get(pid)!);
    stack.push(...(children.get(pid) ?? []));
  }
  return sample;
}

// The process that held the most memory at the tree's peak, named by its command line: where to look.
type Measured = { seconds: number; cpuSeconds?: number; peakBytes: number; largest: string; output: string };

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .join(" ")
      .replace(/\S*node_modules\//g, "")
      .slice(0, 80);
  } catch {
    return "?";
  }
}

// CPU seconds of every process in the tree (each one's last sample, so a
// process that lived less than 200 ms is missed): on a busy machine steadier
// than wall time, which other sessions' load stretches.

function measured(cmd: string, cmdArgs: string[], cwd: string, env: Record<string, string>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, cmdArgs, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    let peakBytes = 0;
    let largest = "";
    const cpuByPid = new Map<number, number>();
    const timer = setInterval(() => {
      const sample = sampleTree(child.pid!);
      if (sample.rssBytes > peakBytes) {
        const [pid, bytes] = [...sample.rssByPid].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
        largest = `${fmt(bytes / 2 ** 30, 2)} GiB in ${sample.rssByPid.size} processes' largest: ${commandOf(pid)}`;
      }
      peakBytes = Math.max(peakBytes, sample.rssBytes);
      for (const [pid, seconds] of sample.cpuByPid) cpuByPid.set(pid, seconds);
    }, 200);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`${cmd} ${cmdArgs.join(" ")} failed (${code}):\n${output.slice(-4000)}`));
      const cpuSeconds = [...cpuByPid.values()].reduce((a, b) => a + b, 0);
      resolve({ seconds: (Date.now() - started) / 1000, cpuSeconds, peakBytes, largest, output });
    });
  });
}

async function main() {
  const dir = path.join(os.tmpdir(), `spine-press-build-${ARTICLES}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`bench:build: copying the checkout to ${dir}`);
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
    .split("\0")
    .filter((f) => f && existsSync(f) && !f.startsWith("bench/bare-next/"));
  for (const f of files) cpSync(f, path.join(dir, f), { recursive: true });
  cpSync("lib/generated", path.join(dir, "lib/generated"), { recursive: true });
  // Hard links: no copy of 1 GB, and Turbopack sees node_modules inside its root.
  execFileSync("cp", ["-al", "node_modules", path.join(dir, "node_modules")]);

  const authors = readdirSync("content/authors").map((f) => f.replace(/\.mdx$/, ""));
  const categories = readdirSync("content/categories").map((f) => f.replace(/\.ya?ml$/, ""));
  for (let i = 1; i <= ARTICLES; i++)
    writeFileSync(path.join(dir, "content/articles", `generated-${String(i).padStart(5, "0")}.mdx`), article(i, authors, categories));

  const env = {
    APP_MODE: "local",
    DATABASE_URL: "file:./data/build.db",
    PUBLIC_URL: "http://localhost:3000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  execFileSync("npm", ["run", "--silent", "db:migrate"], { cwd: dir, env: { ...process.env, ...env }, stdio: "ignore" });
  console.log(`bench:build: ${ARTICLES} generated articles (plus the site's own); running npm run build`);
  const steps: Record<string, { seconds: number; cpuSeconds?: number; peakBytes: number; largest: string }> = {};
  const loadBefore = os.loadavg()[0];
  for (const step of ["content:check", "content:render"]) {
    const r = await measured("npm", ["run", "--silent", step], dir, env);
    steps[step] = { seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakBytes: r.peakBytes, largest: r.largest };
  }
  const next = await measured(process.execPath, ["node_modules/next/dist/bin/next", "build"], dir, env);
  steps["next build"] = { seconds: next.seconds, cpuSeconds: next.cpuSeconds, peakBytes: next.peakBytes, largest: next.largest };
  const compiled = next.output.match(/Compiled successfully in ([\d.]+)(m?s)/);
  const pages = next.output.match(/Generating static pages[^\n]*\((\d+)\/(\d+)\)/g)?.pop();
  const total = Object.values(steps).reduce((s, x) => s + x.seconds, 0);
  const cpuTotal = Object.values(steps).reduce((s, x) => s + (x.cpuSeconds ?? NaN), 0);
  const peak = Math.max(...Object.values(steps).map((x) => x.peakBytes));
  const cpu = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "" : fmt(n, 1)).padStart(9);
  const load = `load average ${fmt(loadBefore, 1)} before, ${fmt(os.loadavg()[0], 1)} after`;

  console.log(`\n== bench:build (${ARTICLES} generated articles; one run on this machine; ${os.cpus().length} cores; ${load})\n`);
  console.log(`step             wall s     CPU s   peak memory (process tree)`);
  for (const [name, s] of Object.entries(steps))
    console.log(
      `${name.padEnd(16)} ${fmt(s.seconds, 1).padStart(7)} ${cpu(s.cpuSeconds)} ${fmt(s.peakBytes / 2 ** 30, 2).padStart(10)} GiB`,
    );
  console.log(
    `${"npm run build".padEnd(16)} ${fmt(total, 1).padStart(7)} ${cpu(cpuTotal)} ${fmt(peak / 2 ** 30, 2).padStart(10)} GiB   (targets at 1,000 articles: < 90 s, < 2 GB)`,
  );
  for (const [name, s] of Object.entries(steps)) console.log(`at ${name}'s peak: ${s.largest}`);
  if (compiled) console.log(`Turbopack compile: ${compiled[1]}${compiled[2]}; ${pages ?? ""}`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    `bench/results/build-${ARTICLES}.json`,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        articles: ARTICLES,
        cores: os.cpus().length,
        loadBefore,
        loadAfter: os.loadavg()[0],
        steps,
        totalSeconds: total,
        cpuSeconds: cpuTotal,
        peakBytes: peak,
      },
      null,
      2,
    ),
  );
  console.log(`written to bench/results/build-${ARTICLES}.json`);
  if (KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
