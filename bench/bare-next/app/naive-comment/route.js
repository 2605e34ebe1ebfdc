// The baseline of `npm run bench:comments`: one comment row inserted with
// Prisma on a SQLite file left at its defaults (rollback journal, full sync),
// or with `--postgres` on PostgreSQL through @prisma/adapter-pg at its
// defaults, in a bare Next route handler. It lives here, not in the product, so the
// production build has no benchmark route. Prisma's client and adapter are the
// product's own (BENCH_REPO_ROOT), loaded by Node at run time.
import path from "node:path";
import { pathToFileURL } from "node:url";

let client;

async function database() {
  const repo = process.env.BENCH_REPO_ROOT;
  const file = process.env.BENCH_NAIVE_DATABASE_FILE;
  const postgres = process.env.BENCH_NAIVE_POSTGRES_URL;
  if (!repo || !(file || postgres))
    throw new Error("BENCH_REPO_ROOT and BENCH_NAIVE_DATABASE_FILE or BENCH_NAIVE_POSTGRES_URL are set by bench/comments.ts");
  const load = (p) => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(path.join(repo, p)).href);
  if (postgres) {
    const { PrismaClient } = await load("lib/generated/postgres/index.js");
    const { PrismaPg } = await load("node_modules/@prisma/adapter-pg/dist/index.js");
    const url = new URL(postgres);
    const schema = url.searchParams.get("schema");
    url.searchParams.delete("schema");
    // The schema as lib/db/client.ts selects it; pg's default pool (10 connections).
    return new PrismaClient({
      adapter: new PrismaPg({ connectionString: url.toString(), options: `-c search_path=${schema}` }, { schema }),
    });
  }
  const { PrismaClient } = await load("lib/generated/sqlite/index.js");
  const { PrismaBetterSQLite3 } = await load("node_modules/@prisma/adapter-better-sqlite3/dist/index.js");
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
}

export async function POST(request) {
  client ??= database();
  const db = await client;
  const body = await request.json();
  const row = await db.comment.create({
    data: {
      articleSlug: String(body.articleSlug),
      authorName: String(body.name),
      authorEmail: String(body.email),
      body: String(body.body),
    },
    select: { id: true },
  });
  return Response.json(row, { status: 201 });
}
