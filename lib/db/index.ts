// The one entry point to the database. No other module constructs a client.
import "server-only";
import { env } from "../env";
import { createDb, type Db } from "./client";

export type { Db } from "./client";

const globalForDb = globalThis as unknown as { __db?: Db };

/** The process-wide Prisma client, created on first use from DATABASE_URL. */
export function db(): Db {
  // Kept on globalThis so Next's dev-mode module reloads reuse one connection.
  globalForDb.__db ??= createDb({
    url: env().DATABASE_URL,
    poolSize: env().DATABASE_POOL_SIZE,
    poolTimeoutMs: env().DATABASE_POOL_TIMEOUT_SECONDS * 1000,
  });
  return globalForDb.__db;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.__db?.$disconnect();
  globalForDb.__db = undefined;
}
