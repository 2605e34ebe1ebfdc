/** Where the two schemas live, relative to the project root. */
export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgres/schema.prisma";

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:sync-schemas`. Do not edit.\n";

/**
 * The PostgreSQL schema is the SQLite schema with another provider and client
 * output. Everything else (models, fields, indexes) is shared text, which is
 * what keeps the two deployments one logical schema.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://unused-see-lib-db"')
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/sqlite"/, 'output     = "../../lib/generated/postgres"');
  if (replaced === sqliteSchema || !replaced.includes('"postgresql"') || !replaced.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma no longer has the provider/url/output lines the derivation expects");
  }
  return HEADER + replaced;
}
