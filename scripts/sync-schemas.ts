// Derives prisma/postgres/schema.prisma from prisma/schema.prisma
// (migrations for both databases come from `npm run db:new-migration`).
import { readFileSync, writeFileSync } from "node:fs";
import { derivePostgresSchema, SQLITE_SCHEMA, POSTGRES_SCHEMA } from "../lib/db/schema-sync";
import { isMain, main, parse, UsageError, type Tool } from "./cli";

export const syncSchemasTool: Tool = {
  name: "db:sync-schemas",
  usage: `usage: npm run db:sync-schemas [-- --check]
  writes prisma/postgres/schema.prisma when it is stale
  --check   write nothing; fail if anything would change (CI)`,
  async run(args, io) {
    const { values, positionals } = parse(args, { check: { type: "boolean" } });
    if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    const expected = derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
    let current = "";
    try {
      current = readFileSync(POSTGRES_SCHEMA, "utf8");
    } catch {}
    if (current === expected) {
      io.out("schemas in step: prisma/postgres/schema.prisma matches prisma/schema.prisma");
    } else if (values.check) {
      io.err("prisma/postgres/schema.prisma is stale: run `npm run db:sync-schemas` and commit the result");
      return 1;
    } else {
      writeFileSync(POSTGRES_SCHEMA, expected);
      io.out("wrote prisma/postgres/schema.prisma");
    }
    return 0;
  },
};

if (isMain(import.meta.url)) await main(syncSchemasTool);
