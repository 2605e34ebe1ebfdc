import { createNaiveBenchmarkDb } from "@/lib/db/naive-for-bench";

// Benchmark baseline only (npm run bench:comments): inserts one comment row
// with Prisma on a default-configured SQLite file. Absent unless
// BENCH_NAIVE_DATABASE_URL is set, so production never exposes it.
let client: ReturnType<typeof createNaiveBenchmarkDb> | undefined;

export async function POST(request: Request) {
  const url = process.env.BENCH_NAIVE_DATABASE_URL;
  if (!url) return new Response("Not found", { status: 404 });
  client ??= createNaiveBenchmarkDb(url);
  const body = await request.json();
  const row = await client.comment.create({
    data: { articleSlug: String(body.articleSlug), authorName: String(body.name), authorEmail: String(body.email), body: String(body.body) },
    select: { id: true },
  });
  return Response.json(row, { status: 201 });
}
