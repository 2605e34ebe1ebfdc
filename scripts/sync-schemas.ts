// Derives prisma/postgres/schema.prisma from prisma/schema.prisma
// (migrations for both databases come from `npm run db:new-migration`).
//   npm run db:sync-schemas            write it when it is stale
//   npm run db:sync-schemas -- --check fail if anything would change (CI)
import { readFileSync, writeFileSync } from "node:fs";
import { derivePostgresSchema, SQLITE_SCHEMA, POSTGRES_SCHEMA } from "../lib/db/schema-sync";

const check = process.argv.includes("--check");
const expected = derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
let current = "";
try {
  current = readFileSync(POSTGRES_SCHEMA, "utf8");
} catch {}
if (current === expected) {
  console.log("schemas in step: prisma/postgres/schema.prisma matches prisma/schema.prisma");
} else if (check) {
  console.error("prisma/postgres/schema.prisma is stale: run `npm run db:sync-schemas` and commit the result");
  process.exit(1);
} else {
  writeFileSync(POSTGRES_SCHEMA, expected);
  console.log("wrote prisma/postgres/schema.prisma");
}
