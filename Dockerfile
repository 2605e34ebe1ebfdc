# syntax=docker/dockerfile:1
# Back in Motion in a container: one image for the app, the worker and the
# one-shot migration (compose.yaml). Multi-stage: dependencies and the build
# with dev tools, then a runtime stage with production dependencies only,
# running as the unprivileged `node` user. Not `output: "standalone"`:
# server.ts (a custom server, decision 0013) is not traced by it, so the app
# is copied with its node_modules. Written and checked by reading; see
# docs/operations.md, Containers.

FROM node:22-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 and sharp ship prebuilt glibc binaries: no compiler needed.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# postinstall generates both Prisma clients from prisma/.
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 TSX_TSCONFIG_PATH=/app/tsconfig.scripts.json
# `next build` renders every article with its approved comments, so it reads a
# database. Pass the production one as a build secret to build with today's
# comments (docker build --secret id=database_url,env=DATABASE_URL .);
# without it the build uses an empty SQLite file and each article shows its
# comments from its next regeneration (any approval regenerates it).
RUN --mount=type=secret,id=database_url \
    if [ -s /run/secrets/database_url ]; then export DATABASE_URL="$(cat /run/secrets/database_url)"; \
    else export DATABASE_URL=file:/tmp/build.db && npm run --silent db:migrate; fi; \
    npm run build
RUN npm prune --omit=dev --no-audit --no-fund && rm -rf .next/cache/webpack data outbox

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production APP_MODE=production HOST=0.0.0.0 PORT=3000 NEXT_TELEMETRY_DISABLED=1 \
    TSX_TSCONFIG_PATH=/app/tsconfig.scripts.json LOG_FORMAT=json
# The page cache writes under .next and SQLite (if used) under data/: both owned by the runtime user.
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /app/data /app/backups && chown node:node /app/data /app/backups
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node itself is PID 1 (not npm), so SIGTERM reaches server.ts, which drains requests.
CMD ["node", "--import", "tsx", "server.ts"]
