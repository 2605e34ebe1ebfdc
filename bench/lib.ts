// Shared pieces of the benchmarks: start the production server (or the bare
// Next app of bench/bare-next), wait for it, run wrk or autocannon, stop cleanly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";

export function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd = ".") {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

/**
 * `server`: the product as operators run it (`npm start`: server.ts around
 * Next's handler). `next`: plain `next start` (the bare Next app).
 */
type ServerOptions = { dir?: string; readyPath?: string; profileName?: string; command?: "server" | "next" };

export async function startServer(port: number, env: Record<string, string>, options: ServerOptions = {}): Promise<ChildProcess> {
  const dir = options.dir ?? ".";
  const readyPath = options.readyPath ?? "/api/health";
  const stale = await fetch(`http://localhost:${port}/`).then(
    () => true,
    () => false,
  );
  if (stale) throw new Error(`port ${port} is already serving something; stop it first so the benchmark measures this build`);
  // BENCH_PROFILE=<dir> writes a CPU profile of the server (stop it with SIGINT).
  const profileDir = process.env.BENCH_PROFILE && path.resolve(process.env.BENCH_PROFILE, options.profileName ?? String(port));
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const command = options.command ?? (dir === "." ? "server" : "next");
  const argv =
    command === "server" ? ["--import", "tsx", "server.ts"] : [path.join("node_modules/next/dist/bin/next"), "start", "-p", String(port)];
  const child = spawn(process.execPath, [...profile, ...argv], {
    cwd: dir,
    // server.ts runs under tsx with `server-only` answered by a no-op, as `npm start` does.
    env: { ...process.env, ...env, PORT: String(port), ...(command === "server" ? { TSX_TSCONFIG_PATH: "tsconfig.scripts.json" } : {}) },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://localhost:${port}${readyPath}`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  stopServer(child);
  throw new Error("server did not become healthy in 60 s");
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux).
 * Server CPU per request is steadier than requests/s on a machine other work
 * shares: the load generator and other processes stretch the wall clock,
 * much less the CPU a request costs.
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export const BARE_NEXT_DIR = "bench/bare-next";

/**
 * The bare Next app of bench/bare-next, installed (its own node_modules, the
 * product's Next and React versions) and built unless `skipBuild` and a build
 * exists. It is not a workspace of the product: `npm ci` never touches it.
 */
export function prepareBareNext({ skipBuild = false } = {}) {
  const want = JSON.parse(readFileSync(path.join(BARE_NEXT_DIR, "package.json"), "utf8")).dependencies as Record<string, string>;
  const installed = (dir: string, name: string) => {
    const file = path.join(dir, "node_modules", name, "package.json");
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")).version as string) : undefined;
  };
  for (const name of Object.keys(want))
    if (installed(".", name) !== want[name])
      throw new Error(
        `bench/bare-next pins ${name}@${want[name]} but the product has ${installed(".", name)}: update bench/bare-next/package.json`,
      );
  if (Object.keys(want).some((name) => installed(BARE_NEXT_DIR, name) !== want[name]))
    run("npm", ["ci", "--prefix", BARE_NEXT_DIR, "--no-audit", "--no-fund"]);
  if (!skipBuild || !existsSync(path.join(BARE_NEXT_DIR, ".next", "BUILD_ID")))
    run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { NEXT_TELEMETRY_DISABLED: "1" }, BARE_NEXT_DIR);
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

/**
 * An open-loop load at a steady `rate` of GETs per second, spread evenly
 * (a batch every 5 ms), over at most `connections` keep-alive sockets.
 * autocannon's `overallRate` releases each second's requests at once, so its
 * "steady" load is a saturated burst followed by idle time and its p99 is the
 * burst's queueing. Each latency here is measured from when the request was
 * due, not when a socket was free, so a server that falls behind shows it
 * (no coordinated omission).
 */
export async function steadyLoad(
  url: string,
  o: { rate: number; seconds: number; connections: number; headers?: Record<string, string> },
): Promise<{ rps: number; p50: number; p99: number; max: number; statuses: Record<number, number>; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let sent = 0;
  const total = Math.round(o.rate * o.seconds);
  const start = performance.now();
  const pending: Promise<void>[] = [];
  const fire = (due: number) =>
    new Promise<void>((resolve) => {
      const req = http.get(url, { agent, headers: o.headers }, (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - due);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) / 1000) * o.rate));
      for (; sent < due; sent++) pending.push(fire(start + (sent / o.rate) * 1000));
      if (sent >= total) return done();
      setTimeout(tick, 5);
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN, statuses, errors };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
