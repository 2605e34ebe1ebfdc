import { checkDatabase } from "./db/health";
import { env, EnvError, localModeWarnings } from "./env";

/**
 * Runs once when the server starts: configuration must be valid and the
 * database reachable and migrated, or the process stops with one clear line
 * instead of serving errors (or, worse, serving open).
 */
export async function assertReadyToServe(log: (line: string) => void = console.log): Promise<void> {
  let e;
  try {
    e = env();
  } catch (err) {
    throw err instanceof EnvError ? err : new Error(`configuration: ${(err as Error).message}`);
  }
  for (const line of localModeWarnings(e)) log(`[local mode] ${line}`);
  const health = await checkDatabase(e.DATABASE_URL);
  if (!health.ok) throw new Error(`refusing to start: ${health.problem}`);
  log(`[startup] mode=${e.APP_MODE} database=${health.database} public-url=${e.PUBLIC_URL}`);
}

/** The server's start-up check: on any problem, one clear message and exit 1. */
export async function startupGate(): Promise<void> {
  try {
    await assertReadyToServe();
  } catch (e) {
    console.error(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
}
