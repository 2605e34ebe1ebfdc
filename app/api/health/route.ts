import { checkDatabase } from "@/lib/db/health";
import { env } from "@/lib/env";
import { pageCacheHealth } from "@/lib/http/page-cache-health";

export const dynamic = "force-dynamic";

// 200 "ok"; 200 "degraded" when the shared page cache (Redis) is away: this
// instance still serves every page from its local copy, so a load balancer
// should keep sending it readers; 503 when the database is unusable.
export async function GET() {
  const health = await checkDatabase(env().DATABASE_URL);
  const cache = pageCacheHealth(Boolean(env().REDIS_URL));
  const pageCache = cache.store === "file" ? "file" : { store: "redis", state: cache.state };
  const headers = { "Cache-Control": "no-store" };
  if (!health.ok)
    return Response.json(
      { status: "unavailable", database: health.database, problem: health.problem, pageCache },
      { status: 503, headers },
    );
  // A database ahead of this release (mid rolling deploy) still serves: "ok", with the newer migrations named.
  const schema = health.ahead ? { schema: "ahead", newerMigrations: health.ahead } : {};
  return Response.json({ status: cache.ok ? "ok" : "degraded", database: health.database, ...schema, pageCache }, { headers });
}
