// The command-line tools' one way of reading arguments and printing:
// node:util parseArgs (strict: an unknown or misspelt flag is an error,
// not ignored), --help on every command, numbers and choices checked with
// a sentence naming the flag, and every line printed through forTerminal
// (a commenter's name or an imported row cannot move the cursor, recolour
// the screen or draw a fake line). Each tool exports its `run`, so tests
// and Playwright journeys call it in-process instead of spawning npm; its
// `close` ends what it opened (closeMailAndDb, or disconnectDb alone).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { pathToFileURL } from "node:url";
import { disconnectDb } from "../lib/db";
import { mailer } from "../lib/mail";
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

/**
 * A tool of subcommands, `<command> [target] [--flags]`: its flags, the
 * command and the one argument it takes (none with `target: false`); more
 * positionals are a usage error.
 */
export function parseCommand<O extends Options>(args: string[], options: O, { target: takesTarget = true } = {}) {
  const { values, positionals } = parse(args, options);
  const [command, ...rest] = positionals;
  const extra = takesTarget ? rest.slice(1) : rest;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  return { values, command, target: takesTarget ? rest[0] : undefined };
}

/** What a subcommand tool throws for a command it does not have (or none). */
export const unknownCommand = (command: string | undefined) =>
  new UsageError(command ? `unknown command "${command}"` : "no command given");

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

/** A tool's `close` when it sent mail: ends the SMTP pool, then the database client (`disconnectDb` alone otherwise). */
export async function closeMailAndDb(): Promise<void> {
  mailer().close();
  await disconnectDb();
}

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
