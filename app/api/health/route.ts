import { checkDatabase } from "@/lib/db/health";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkDatabase(env().DATABASE_URL);
  return Response.json(
    health.ok ? { status: "ok", database: health.database } : { status: "unavailable", database: health.database, problem: health.problem },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
