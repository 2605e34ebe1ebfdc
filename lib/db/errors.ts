/**
 * Whether an error is a unique-constraint violation, as either database
 * and either path reports it: better-sqlite3's SqliteError (statements run
 * on the handle by lib/db/transaction.ts), Prisma's driver-adapter error
 * (PostgreSQL code 23505, SQLite's constraint error), or Prisma's P2002.
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { kind?: string; originalCode?: string; code?: string } } | undefined;
  if (!err) return false;
  return (
    err.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    err.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    err.code === "P2002" ||
    err.code === "23505" ||
    err.cause?.kind === "UniqueConstraintViolation" ||
    err.cause?.originalCode === "23505" ||
    err.cause?.code === "23505"
  );
}

/**
 * Whether an error means "the database cannot take this now" rather than
 * "this request is wrong": no free PostgreSQL connection within
 * DATABASE_POOL_TIMEOUT_SECONDS (pg-pool's acquire timeout, or Prisma's own
 * P2024), or SQLite's write lock still taken after its busy timeout. Such
 * requests are answered 503 with Retry-After (lib/http/busy.ts) instead of
 * hanging or failing with a 500.
 */
export function isDatabaseBusy(e: unknown): boolean {
  for (let err = e as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; err && depth < 5; depth++) {
    if (err.code === "P2024" || err.code === "SQLITE_BUSY" || err.code === "SQLITE_BUSY_TIMEOUT") return true;
    const message = typeof err.message === "string" ? err.message : "";
    if (
      /timeout exceeded when trying to connect|Timed out fetching a new connection from the connection pool|database is locked/i.test(
        message,
      )
    )
      return true;
    err = err.cause as typeof err;
  }
  return false;
}
