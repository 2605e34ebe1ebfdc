import "server-only";
import { missingGeneratedFiles } from "./content/generated";
import { checkDatabase } from "./db/health";
import { env, EnvError, localModeWarnings } from "./env";

/**
 * Runs once when the server starts: configuration must be valid, the
 * compiled content present, and the database reachable and migrated, or the
 * process stops with one clear line instead of serving errors (or, worse,
 * serving open).
 */
export async function assertReadyToServe(log: (line: string) => void = console.log): Promise<void> {
  let e;
  try {
    e = env();
  } catch (err) {
    throw err instanceof EnvError ? err : new Error(`configuration: ${(err as Error).message}`);
  }
  for (const line of localModeWarnings(e)) log(`[local mode] ${line}`);
  // server.ts knows the client's address and shuts down cleanly; bare `next start` does neither.
  if (process.env.SPINE_SERVER !== "1") {
    if (e.APP_MODE === "production")
      throw new Error(
        "refusing to start: run the site with `npm start` (server.ts), not `next start`: per-IP limits need the client address it provides",
      );
    log("[local mode] started without server.ts (next start/next dev): per-IP limits see every client as one");
  }
  const missing = missingGeneratedFiles();
  if (missing.length > 0)
    throw new Error(
      `refusing to start: the compiled content is missing (${missing.join(", ")}); run \`npm run build\`, or deploy .contentlayer/ with .next/`,
    );
  const health = await checkDatabase(e.DATABASE_URL);
  if (!health.ok) throw new Error(`refusing to start: ${health.problem}`);
  if (health.ahead)
    log(
      `[startup] the database is ahead of this release (${health.ahead.join(", ")}): fine during a rolling deploy; finish deploying the newer release`,
    );
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
