#!/usr/bin/env bash
# contentlayer2's webpack plugin does not work with Turbopack, so its watcher
# runs beside `next dev` instead of inside it.
set -euo pipefail
cd "$(dirname "$0")/.."
npx contentlayer2 build
# Pre-rendered bodies for pages; bodies edited while dev runs render live.
npx tsx scripts/render-content.tsx
npx contentlayer2 dev &
watcher=$!
trap 'kill $watcher 2>/dev/null || true' EXIT
npx next dev "$@"
