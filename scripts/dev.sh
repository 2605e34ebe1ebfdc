#!/usr/bin/env bash
# npm run dev: the content check, then `next dev` with content/ watched beside
# it. contentlayer2's webpack plugin does not work with Turbopack, so the
# watcher (`npm run content -- watch`, contentlayer2 as a library) runs beside
# `next dev`; after every save it recompiles and prints every problem the
# content check finds, the cross-document ones included.
set -euo pipefail
cd "$(dirname "$0")/.."
# Scripts and server.ts run outside Next: `server-only` is a no-op for them.
export TSX_TSCONFIG_PATH="$PWD/tsconfig.scripts.json"
# Problems are printed, but do not stop the site starting with what compiles.
npx tsx scripts/content-check.ts --no-render || echo "dev: content has problems (above); fix them while the site runs"
if [ ! -d .contentlayer/generated ]; then
  echo "dev: content/ has never compiled; fix the errors above and run npm run dev again" >&2
  exit 1
fi
# Pre-rendered bodies for pages; bodies edited while dev runs render live.
npx tsx scripts/render-content.tsx
npx tsx scripts/content.ts watch &
watcher=$!
trap 'kill $watcher 2>/dev/null || true' EXIT
node --import tsx server.ts --dev "$@"
