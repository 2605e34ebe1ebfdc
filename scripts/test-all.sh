#!/usr/bin/env bash
# npm test — every test: formatting and lint, schema drift, content, types, unit and
# integration (on SQLite and PostgreSQL), then Playwright against the
# production build.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== formatting (Prettier) and lint (ESLint)"
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "run: npm run format"; exit 1; }
npm run --silent lint
echo "== schemas in step"
npm run --silent db:sync-schemas -- --check
echo "== content check"
npm run --silent content:check
# After the content check: the types of the documents are what it generated.
echo "== types (tsc, with Next's route types)"
npm run --silent typecheck
echo "== unit and integration tests (SQLite and PostgreSQL)"
npx vitest run
echo "== end-to-end tests (production build, Chromium)"
npx playwright test
