import { isDatabaseBusy } from "../db/errors";

/** Seconds a client is asked to wait when the database has no capacity left. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * The answer when the database cannot take a request now (pool exhausted,
 * SQLite locked past its timeout): 503 with Retry-After and a sentence, never
 * a hang or a 500. Nothing was stored.
 */
export function busyResponse(): Response {
  return Response.json(
    { error: "The site is very busy right now and nothing was saved. Please try again in a few seconds." },
    { status: 503, headers: { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

/** A route handler whose database-busy failures become busyResponse(); every other error goes on as before. */
export function answeringBusy<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
  onBusy?: (e: unknown, ...args: A) => void,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (e) {
      if (!isDatabaseBusy(e)) throw e;
      onBusy?.(e, ...args);
      return busyResponse();
    }
  };
}
