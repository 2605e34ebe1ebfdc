#!/usr/bin/env bash
# The server Playwright tests run against: a fresh SQLite file, migrated and
# seeded, and the production build served by `next start`.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-3210}"
export APP_MODE=local
export DATABASE_URL="file:./data/e2e.db"
export PUBLIC_URL="http://localhost:${port}"
# Several tests post from one address; the per-email limit stays at its default.
export COMMENT_RATE_PER_IP=200
# Playwright types a whole comment in milliseconds; the time-to-submit rule has its own unit test.
export COMMENT_MIN_SECONDS=0
# Every test browser signs up from 127.0.0.1.
export NEWSLETTER_RATE_PER_IP=200
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
npm run --silent db:migrate
npm run --silent db:seed
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then npm run --silent build; fi
exec npx next start -p "$port"
