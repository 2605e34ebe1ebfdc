// Test support: the child processes integration tests start (the delivery
// worker, comment posters, the command-line tools), started and read one way.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** The tsx binary of this checkout: tests start TypeScript processes with it. */
export const TSX = path.join(process.cwd(), "node_modules/.bin/tsx");

/** Its exit code once it has exited (null when a signal ended it). */
export const exited = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null || p.signalCode ? r(p.exitCode) : p.once("exit", (code) => r(code))));

/**
 * A command run to the end, as a terminal runs it: its exit code and what it
 * printed (stdout and stderr together). `input` is written to its stdin.
 */
export function runProcess(
  command: string,
  args: string[],
  opts: { env?: Record<string, string>; input?: string } = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...opts.env },
      stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** `scripts/worker.ts` as an operator starts it, in local mode; `env` adds the database, SMTP and tuning. */
export const spawnWorker = (args: string[], env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", ...args], {
    env: { ...process.env, APP_MODE: "local", PUBLIC_URL: "https://backinmotion.example", SECRET_KEY: "c".repeat(40), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });

/**
 * lib/testing/post-comments.ts in its own process, posting `count` comments
 * (0: until killed) as `who`; `acknowledged` collects the id of each comment
 * it was told is stored, as it is told.
 */
export function startCommentPoster(databaseUrl: string, who: string, count: number) {
  const child = spawn(TSX, [path.join(import.meta.dirname, "post-comments.ts"), who, String(count)], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acknowledged: string[] = [];
  let errors = "";
  let buffered = "";
  child.stdout!.on("data", (chunk) => {
    const lines = (buffered + chunk).split("\n");
    buffered = lines.pop()!;
    for (const line of lines) if (line.startsWith("stored ")) acknowledged.push(line.slice(7));
  });
  child.stderr!.on("data", (c) => (errors += c));
  return { child, acknowledged, exited: exited(child), errors: () => errors };
}
