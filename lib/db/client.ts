import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/postgres";
import { PrismaClient as SqliteClient } from "../generated/sqlite";
import { registerConnection, type DriverConnection } from "./connection";
import { databaseKind, postgresConnection, sqliteFilePath } from "./url";

/**
 * The app's Prisma client type. Both generated clients come from one schema
 * text (docs/decisions/0003), so the SQLite client's type describes both.
 */
export type Db = SqliteClient;

export type DbOptions = {
  url: string;
  poolSize?: number;
  /** PostgreSQL: how long a query waits for a free pooled connection before failing (lib/db/errors.ts: isDatabaseBusy). */
  poolTimeoutMs?: number;
};

/** How long a writer waits for SQLite's lock before failing (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

/**
 * Builds a Prisma client on the right driver adapter. Only lib/db calls this;
 * everything else imports `db()` from lib/db.
 */
export function createDb({ url, poolSize = 10, poolTimeoutMs = 5_000 }: DbOptions): Db {
  if (databaseKind(url) === "sqlite") {
    const factory = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: SQLITE_BUSY_TIMEOUT_MS });
    let opened: (c: DriverConnection) => void = () => {};
    const client = new SqliteClient({ adapter: reportingConnections(factory, (c) => opened(c)) });
    opened = registerConnection(client, "sqlite");
    // WAL lets readers run beside the writer; it is persistent, and the
    // migration runner sets it too. NORMAL sync is safe in WAL mode (no
    // corruption; a power cut may drop the last commits, a process crash not).
    void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => {});
    void client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => {});
    void client.$executeRawUnsafe("PRAGMA foreign_keys = ON").catch(() => {});
    return client;
  }
  const { connectionString, schema } = postgresConnection(url);
  const adapter = new PrismaPg(
    // search_path too, so raw SQL (health checks, migrations table) sees the same schema as the models.
    // connectionTimeoutMillis bounds both opening a connection and waiting in
    // pg-pool's queue for a free one: an exhausted pool fails fast with
    // "timeout exceeded when trying to connect" instead of queueing forever.
    { connectionString, max: poolSize, connectionTimeoutMillis: poolTimeoutMs, ...(schema ? { options: `-c search_path=${schema}` } : {}) },
    schema ? { schema } : undefined,
  );
  let opened: (c: DriverConnection) => void = () => {};
  const client = new PostgresClient({ adapter: reportingConnections(adapter, (c) => opened(c)) }) as unknown as Db;
  opened = registerConnection(client, "postgres");
  return client;
}

type AdapterFactory = { provider: string; adapterName: string; connect(): Promise<unknown> };

/**
 * The adapter factory as Prisma sees it, telling lib/db/sql.ts which driver
 * connection the client opened (Prisma does not expose it).
 */
function reportingConnections<F extends AdapterFactory>(factory: F, onConnect: (c: DriverConnection) => void): F {
  return new Proxy(factory, {
    get(target, prop) {
      if (prop === "connect")
        return async () => {
          const connection = await target.connect();
          onConnect(connection as DriverConnection);
          return connection;
        };
      const value = Reflect.get(target, prop, target);
      // Private fields (#config) need the real factory as `this`.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
