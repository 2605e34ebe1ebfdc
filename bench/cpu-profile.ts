// npx tsx bench/cpu-profile.ts <a.cpuprofile> <requests> [<b.cpuprofile> <requests>] [--top N] [--callers NAME] [--after S]
// Summarises V8 CPU profiles of a server under load (`BENCH_PROFILE=<dir>`
// in bench/lib.ts writes one per server): busy CPU per request, by where the
// code lives (Next's server, its compiled runtime, Node internals, the app's
// bundle, GC) and by function. Given two profiles (e.g. the product and the
// bare Next app of bench/bare-next, each with the number of requests it served
// while profiled), it prints both side by side and the difference, which is
// how docs/performance.md attributes the app-wide cost per request.
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const positional = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (positional.length < 2) throw new Error("usage: tsx bench/cpu-profile.ts <a.cpuprofile> <requests> [<b.cpuprofile> <requests>]");
const top = Number(flag("--top") ?? 30);
const callersOf = flag("--callers");
// --after S: leave out the first S seconds of each profile (the server's start-up: module loading and
// compilation), so that `requests` counts only what was served after them.
const afterUs = Number(flag("--after") ?? 0) * 1e6;

function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  if (m) {
    if (m[1] !== "next") return m[1];
    const rest = m[2];
    if (rest.includes("compiled/next-server/")) return "next runtime " + rest.split("/").pop();
    if (rest.includes("compiled/")) return "next/compiled/" + rest.split("compiled/")[1].split("/")[0];
    return "next/" + rest.split("/").slice(0, 3).join("/");
  }
  if (url.includes("/.next/")) return ".next/" + url.split("/.next/")[1];
  return url.replace(/^file:\/\//, "");
}

type Summary = { busyUs: number; byArea: Map<string, number>; byFn: Map<string, number>; callers: Map<string, number> };

function summarise(file: string, requests: number): Summary {
  const p: Profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let t = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t >= afterUs) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const s: Summary = { busyUs: 0, byArea: new Map(), byFn: new Map(), callers: new Map() };
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") continue;
    const perReq = us / requests;
    s.busyUs += perReq;
    const a = area(url, functionName);
    s.byArea.set(a, (s.byArea.get(a) ?? 0) + perReq);
    const k = `${functionName || "(anonymous)"}  ${a}:${lineNumber + 1}`;
    s.byFn.set(k, (s.byFn.get(k) ?? 0) + perReq);
    if (callersOf && functionName === callersOf) {
      const chain: string[] = [];
      for (let cur = parent.get(id); cur !== undefined && chain.length < 8; cur = parent.get(cur)) {
        const f = byId.get(cur)!.callFrame;
        chain.push(`${f.functionName || "(anon)"}@${area(f.url, f.functionName)}:${f.lineNumber + 1}`);
      }
      const c = chain.join(" < ");
      s.callers.set(c, (s.callers.get(c) ?? 0) + perReq);
    }
  }
  return s;
}

const a = summarise(positional[0], Number(positional[1]));
const b = positional[2] ? summarise(positional[2], Number(positional[3])) : undefined;
const us = (n: number | undefined) => (n === undefined ? "" : n.toFixed(1)).padStart(8);

function table(title: string, key: "byArea" | "byFn") {
  const keys = new Set([...a[key].keys(), ...(b?.[key].keys() ?? [])]);
  const rows = [...keys].map((k) => ({ k, x: a[key].get(k) ?? 0, y: b?.[key].get(k) ?? 0 }));
  rows.sort((r, s) => Math.abs(s.x - s.y * (b ? 1 : 0)) - Math.abs(r.x - r.y * (b ? 1 : 0)));
  console.log(`\n${title} (µs of CPU per request)${b ? "        a        b    a - b" : "        a"}`);
  for (const r of rows.slice(0, top)) console.log(`${r.k.slice(0, 90).padEnd(90)} ${us(r.x)}${b ? us(r.y) + us(r.x - r.y) : ""}`);
}

console.log(
  `busy CPU per request: a ${a.busyUs.toFixed(0)} µs${b ? `, b ${b.busyUs.toFixed(0)} µs, a - b ${(a.busyUs - b.busyUs).toFixed(0)} µs` : ""}`,
);
table("by area", "byArea");
table("by function, self time", "byFn");
if (callersOf) {
  console.log(`\ncallers of ${callersOf} in a`);
  for (const [k, v] of [...a.callers].sort((x, y) => y[1] - x[1]).slice(0, 8)) console.log(us(v), k);
}
