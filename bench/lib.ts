// Shared pieces of the benchmarks: start the production server, wait for it,
// run autocannon, stop cleanly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";

export function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

export async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const stale = await fetch(`http://localhost:${port}/`).then(() => true, () => false);
  if (stale) throw new Error(`port ${port} is already serving something; stop it first so the benchmark measures this build`);
  // BENCH_PROFILE=<dir> writes a CPU profile of the server (stop it with SIGINT).
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, "node_modules/next/dist/bin/next", "start", "-p", String(port)], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://localhost:${port}/api/health`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  stopServer(child);
  throw new Error("server did not become healthy in 60 s");
}

export function stopServer(child: ChildProcess) {
  try {
    process.kill(-child.pid!, process.env.BENCH_PROFILE ? "SIGINT" : "SIGTERM");
  } catch {}
}

export type Load = { rps: number; p99: number; errors: number; non2xx: number };

/**
 * GET load on one URL. wrk (Debian's `wrk`, written in C) when it is
 * installed, else autocannon. The load generator shares this machine's cores
 * with the server, and autocannon spends far more CPU per response byte than
 * wrk, so with autocannon a heavier page looks slower than the server makes
 * it. BENCH_LOADGEN=autocannon forces autocannon.
 */
export async function load(url: string, seconds: number, connections: number): Promise<Load> {
  if (loadGenerator() === "wrk") return wrkLoad(url, seconds, connections);
  const r = await autocannon({ url, duration: seconds, connections, pipelining: 1 });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function loadGenerator(): "wrk" | "autocannon" {
  if (process.env.BENCH_LOADGEN === "autocannon") return "autocannon";
  return spawnSync("wrk", ["--version"]).error ? "autocannon" : "wrk";
}

const MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };

function wrkLoad(url: string, seconds: number, connections: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", ["-t1", `-c${connections}`, `-d${Math.max(1, Math.round(seconds))}s`, "--latency", url]);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const rps = out.match(/Requests\/sec:\s+([\d.]+)/);
      const p99 = out.match(/^\s*99%\s+([\d.]+)(us|ms|s)\b/m);
      if (code !== 0 || !rps || !p99) return reject(new Error(`wrk failed:\n${out}`));
      const socket = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
      const errors = socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0;
      const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
      resolve({ rps: Number(rps[1]), p99: Number(p99[1]) * MS[p99[2]], errors, non2xx });
    });
  });
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
