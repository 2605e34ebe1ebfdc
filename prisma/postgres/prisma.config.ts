// Prisma CLI configuration for the PostgreSQL deployment (paths are relative
// to this file). The schema and migrations here are derived from the SQLite
// ones in prisma/ (docs/decisions/0003).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { postgresConnection } from "../../lib/db/url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    const { connectionString, schema } = postgresConnection(process.env.DATABASE_URL ?? "");
    return new PrismaPg({ connectionString }, schema ? { schema } : undefined);
  },
});
