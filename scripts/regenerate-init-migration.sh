#!/usr/bin/env bash
# Until the first release, the schema lives in one init migration per
# database; this rewrites both from prisma/schema.prisma. After a release,
# add new migrations instead (docs/decisions/0003).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s db:sync-schemas
M=prisma/migrations/20261124000000_init
P=prisma/postgres/migrations/20261124000000_init
npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script > $M/migration.sql
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} npx prisma migrate diff --config prisma/postgres/prisma.config.ts --from-empty --to-schema-datamodel prisma/postgres/schema.prisma --script > $P/migration.sql
