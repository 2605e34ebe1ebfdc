#!/usr/bin/env bash
# The server Playwright tests run against: a fresh SQLite file, migrated and
# seeded, and the production build served by `npm start` (server.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
# Scripts and server.ts run outside Next: `server-only` is a no-op for them.
export TSX_TSCONFIG_PATH="$PWD/tsconfig.scripts.json"
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
# The request gate's per-IP flood ceiling: one browser runs every journey.
export REQUEST_RATE_PER_MINUTE=100000
# Every newsroom journey signs in from 127.0.0.1.
export NEWSROOM_SIGN_IN_RATE_PER_IP=500
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
npm run --silent db:migrate
npm run --silent db:seed
# Five of the sample's eight public articles are rendered at build time, so the journeys also
# read articles rendered on their first request (decision 0051; e2e/reader.spec.ts).
export PRERENDER_ARTICLES=5
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then npm run --silent build; fi
export PORT="$port"
# Every request logged, as JSON, into a file e2e/whole-run-logs.spec.ts reads
# (no email address, token or client IP may appear in it), and to the console.
export LOG_LEVEL=debug LOG_FORMAT=json
export METRICS_TOKEN="${METRICS_TOKEN:-e2e-metrics-token-0123456789}"
# The Resend webhook on (e2e/audience.spec.ts signs its calls with the same test secret).
export WEBHOOK_RESEND_SECRET="whsec_ZTJlLXJlc2VuZC13ZWJob29rLXNpZ25pbmcta2V5ISE="
rm -f data/e2e-server.log
exec > >(tee -a data/e2e-server.log) 2>&1
exec node --import tsx server.ts
