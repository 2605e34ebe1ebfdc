// npm run db:new-migration -- <name> [--from <git-ref>]
// Writes one new migration for both databases, from the schema as committed
// at <git-ref> (default HEAD) to prisma/schema.prisma in the working tree:
// edit the schema, run this, commit the schema and both migration folders
// together (docs/decisions/0003). The PostgreSQL diff connects to the local
// server (or MIGRATION_POSTGRES_URL) but reads and writes nothing there.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { argsOrExit } from "./args";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "../lib/db/schema-sync";
import { MIGRATION_DIRS } from "../lib/db/migrations";

const USAGE = "usage: npm run db:new-migration -- <name: lower_snake_case> [--from <git-ref>]";
const { values, positionals } = argsOrExit("db:new-migration", USAGE, {
  allowPositionals: true,
  options: { from: { type: "string", default: "HEAD" }, help: { type: "boolean" } },
});
const name = positionals[0];
if (!name || !/^[a-z][a-z0-9_]{2,60}$/.test(name)) {
  console.error(`db:new-migration: give a name in lower_snake_case\n${USAGE}`);
  process.exit(2);
}

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const r = spawnSync(cmd, args, { encoding: "utf8", env });
  if (r.status !== 0) {
    console.error(`db:new-migration: ${cmd} ${args.join(" ")} failed:\n${r.stderr || r.stdout}`);
    process.exit(1);
  }
  return r.stdout;
};

run("npx", ["tsx", "scripts/sync-schemas.ts"]);
const dir = mkdtempSync(path.join(tmpdir(), "new-migration-"));
const previous = run("git", ["show", `${values.from}:${SQLITE_SCHEMA}`]);
const prevSqlite = path.join(dir, "sqlite.prisma");
const prevPostgres = path.join(dir, "postgres.prisma");
writeFileSync(prevSqlite, previous);
writeFileSync(prevPostgres, derivePostgresSchema(previous));

// Each config builds its adapter from DATABASE_URL. The SQLite diff never opens the file; the PostgreSQL
// engine connects (reads nothing) to the local server, or MIGRATION_POSTGRES_URL.
const diff = (config: string, url: string, from: string, to: string) =>
  run("npx", ["prisma", "migrate", "diff", "--config", config, "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"], {
    ...process.env,
    DATABASE_URL: url,
  });
const sqliteSql = diff("prisma.config.ts", `file:${path.join(dir, "unused.db")}`, prevSqlite, SQLITE_SCHEMA);
const postgresSql = diff(
  "prisma/postgres/prisma.config.ts",
  process.env.MIGRATION_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  prevPostgres,
  POSTGRES_SCHEMA,
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sqliteSql)) {
  console.error(`db:new-migration: prisma/schema.prisma does not differ from ${values.from}; nothing to write`);
  process.exit(1);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = `${stamp}_${name}`;
for (const [kind, sql] of [
  ["sqlite", sqliteSql],
  ["postgres", postgresSql],
] as const) {
  const target = path.join(MIGRATION_DIRS[kind], folder);
  mkdirSync(target, { recursive: true });
  writeFileSync(path.join(target, "migration.sql"), sql);
  console.log(`wrote ${target}/migration.sql`);
}
