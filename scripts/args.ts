// Arguments of the scripts that are not subcommand tools (scripts/cli.ts):
// node:util parseArgs, strictly; --help prints the usage (exit 0), a flag or
// value it does not know prints what is wrong and the usage (exit 2), the
// same codes the tools use. Kept apart from cli.ts, which opens the database
// and mail modules these scripts do not need.
import { parseArgs, type ParseArgsConfig } from "node:util";

export function argsOrExit<T extends ParseArgsConfig>(name: string, usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config); // strict unless a caller says otherwise: unknown flags are errors
  } catch (e) {
    process.stderr.write(`${name}: ${(e as Error).message.replace(/\. To specify a positional argument.*$/s, "")}\n\n${usage.trimEnd()}\n`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage.trimEnd()}\n`);
    process.exit(0);
  }
  return parsed;
}
