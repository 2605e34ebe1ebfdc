import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// Every `npm run <tool>` that runs a file of scripts/ explains itself on
// --help and refuses a flag it does not know (exit 2), before it touches a
// database or a file: an operator who types `npm run db:migrate -- --help`
// must not have migrated anything.
const scripts: Record<string, string> = JSON.parse(readFileSync("package.json", "utf8")).scripts;
const tools = Object.entries(scripts)
  .map(([name, command]) => [name, /^tsx .*?(scripts\/[\w-]+\.tsx?)$/.exec(command)?.[1]] as const)
  .filter((t): t is readonly [string, string] => t[1] !== undefined);

const run = promisify(execFile);
async function tool(file: string, flag: string): Promise<{ code: number; out: string }> {
  // A database that cannot exist: a tool that went on to use it would fail with another code.
  const env = { ...process.env, DATABASE_URL: "file:/nonexistent/never.db" };
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", file, flag], { env });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe("the command-line tools", () => {
  it("are all found in package.json", () => {
    expect(tools.map(([name]) => name)).toEqual(expect.arrayContaining(["db:migrate", "db:sync-schemas", "content:render", "worker"]));
  });

  it.concurrent.each(tools)("npm run %s answers --help with its usage and refuses an unknown flag", async (_name, file) => {
    const help = await tool(file, "--help");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/usage/i);
    const wrong = await tool(file, "--no-such-flag");
    expect(wrong.code).toBe(2);
    expect(wrong.out).toMatch(/no-such-flag/);
  });
});
