// The command-line tools' one way of reading arguments and printing:
// node:util parseArgs (strict: an unknown or misspelt flag is an error,
// not ignored), --help on every command, numbers and choices checked with
// a sentence naming the flag, and every line printed through forTerminal
// (a commenter's name or an imported row cannot move the cursor, recolour
// the screen or draw a fake line). Each tool exports its `run`, so tests
// and Playwright journeys call it in-process instead of spawning npm.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { pathToFileURL } from "node:url";
import { forTerminal } from "../lib/text/terminal";

export type Io = { out(text: string): void; err(text: string): void; write(raw: string): void };

/** Lines to the terminal, made safe; `write` is for data (CSV on stdout), unchanged. */
export const processIo: Io = {
  out: (text) => console.log(safeLines(text)),
  err: (text) => console.error(safeLines(text)),
  write: (raw) => void process.stdout.write(raw),
};

export const safeLines = (text: string) => text.split("\n").map(forTerminal).join("\n");

/** Collects what a tool prints, for tests. */
export function captureIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out: (t: string) => void (io.stdout += `${safeLines(t)}\n`),
    err: (t: string) => void (io.stderr += `${safeLines(t)}\n`),
    write: (raw: string) => void (io.stdout += raw),
  };
  return io;
}

/** A mistake in how the tool was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** Flags and positionals of one command, strictly: unknown flags and missing values are usage errors. */
export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean" } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
}

export function intFlag(value: string | undefined, name: string, range: { min: number; max: number; default: number }): number {
  if (value === undefined) return range.default;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < range.min || n > range.max)
    throw new UsageError(`--${name} must be a whole number from ${range.min} to ${range.max}`);
  return n;
}

export function choiceFlag<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of: ${allowed.join(", ")}`);
  return value as T;
}

export type Tool = {
  name: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
  /** Closes what the tool opened (mail pool, database). */
  close?(): Promise<void>;
};

/** Runs a tool with the right exit code: 0 done, 1 failed, 2 bad usage. */
export async function runTool(tool: Tool, args: string[], io: Io = processIo): Promise<number> {
  try {
    if (args.includes("--help") || args.includes("-h")) {
      io.out(tool.usage);
      return 0;
    }
    return await tool.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${tool.name}: ${e.message}\n${tool.usage}`);
      return 2;
    }
    io.err(`${tool.name}: ${(e as Error).message}`);
    return 1;
  }
}

/** `if (isMain(import.meta.url)) main(tool)`: run when executed, not when imported. */
export const isMain = (moduleUrl: string) => process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;

export async function main(tool: Tool): Promise<void> {
  process.exitCode = await runTool(tool, process.argv.slice(2));
  await tool.close?.();
}
