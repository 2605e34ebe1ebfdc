// Next.js calls register() once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // The page cache (ASCII pages; shared through Redis when REDIS_URL is set):
  // lib/http/install-page-cache.ts says why it is installed here.
  const { installPageCache } = await import("./lib/http/install-page-cache");
  await installPageCache();
  const { startupGate } = await import("./lib/startup");
  await startupGate();
}
