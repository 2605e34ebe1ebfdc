import "server-only";
import { env } from "../env";
import { createLogger, type Logger } from "./index";

// One logger per process, kept on globalThis: server.ts (tsx) and the route
// handlers (bundled by Next) load this module separately.
const KEY = Symbol.for("spine-press.logger");
const slot = globalThis as unknown as { [KEY]?: Logger };

/** The process's logger: LOG_LEVEL, and LOG_FORMAT (readable lines by default in local mode, JSON in production). */
export function log(): Logger {
  return (slot[KEY] ??= createLogger({
    name: "spine-press",
    level: env().LOG_LEVEL,
    pretty: (env().LOG_FORMAT ?? (env().APP_MODE === "local" ? "pretty" : "json")) === "pretty",
  }));
}

/** The logger for one request, carrying the id server.ts gave it (also sent back as X-Request-Id). */
export function requestLog(request: Request): Logger {
  return log().child({ reqId: request.headers.get("x-request-id") ?? undefined });
}
