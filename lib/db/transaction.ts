/**
 * A transaction written once as a generator of SQL steps, run the cheapest
 * way each database allows:
 *
 * - SQLite: synchronously, on the better-sqlite3 handle the Prisma adapter
 *   opened, with each statement prepared once per process, grouped with the
 *   other transactions asked for in the same event-loop turn (one COMMIT,
 *   a savepoint each). No other code can run between its statements, so
 *   nothing else can slip into it, and it costs no promise per statement
 *   (under Next every promise pays for AsyncLocalStorage; decision 0012).
 * - PostgreSQL: over one pooled connection from the same adapter, BEGIN …
 *   COMMIT, as Prisma's own interactive transactions do.
 *
 *   function* work(): Work<boolean> {
 *     const changed = yield run(sql`UPDATE … WHERE "id" = ${id}`);
 *     return changed === 1;
 *   }
 *   const ok = await transact(db, work);
 *
 * `get` yields the first row (or undefined), `run` the number of rows
 * changed. Throwing rolls everything back; returning commits.
 */
import type Database from "better-sqlite3";
import type { Db } from "./client";
import { connectionOf, driverQuery, rowObjects, textOf, type DriverConnection, type Statement } from "./sql";

export type Step = { kind: "get" | "run"; st: Statement };
export type Work<T> = Generator<Step, T, unknown>;

export const get = (st: Statement): Step => ({ kind: "get", st });
export const run = (st: Statement): Step => ({ kind: "run", st });

export async function transact<T>(db: Db, work: () => Work<T>): Promise<T> {
  const { dialect, connection } = await connectionOf(db);
  if (dialect === "sqlite") return transactSqlite(sqliteHandle(connection), work);
  return transactPostgres(connection, work);
}

async function transactPostgres<T>(connection: DriverConnection, work: () => Work<T>): Promise<T> {
  const tx = await connection.startTransaction();
  try {
    const gen = work();
    let next = gen.next();
    while (!next.done) {
      const { kind, st } = next.value;
      const q = driverQuery(st, "postgres");
      next = gen.next(kind === "get" ? rowObjects(await tx.queryRaw(q))[0] : await tx.executeRaw(q));
    }
    await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
    await tx.commit();
    return next.value;
  } catch (e) {
    // The work's own error is the one to report, not a failed cleanup after it.
    await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
    await tx.rollback().catch(() => {});
    throw e;
  }
}

function sqliteHandle(connection: unknown): Database.Database {
  // PrismaBetterSQLite3's connection keeps its better-sqlite3 Database as `client`.
  const handle = (connection as { client?: Database.Database }).client;
  if (!handle || typeof handle.prepare !== "function") throw new Error("The SQLite driver adapter no longer exposes its better-sqlite3 handle as `client`");
  return handle;
}

const statements = new WeakMap<Database.Database, WeakMap<TemplateStringsArray, Database.Statement>>();

function prepared(handle: Database.Database, st: Statement): Database.Statement {
  let cache = statements.get(handle);
  if (!cache) statements.set(handle, (cache = new WeakMap()));
  let stmt = cache.get(st.strings);
  if (!stmt) cache.set(st.strings, (stmt = handle.prepare(textOf(st.strings, "sqlite"))));
  return stmt;
}

/** Values as the Prisma adapter stores them, so Prisma reads and compares them the same way. */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v === undefined ? null : v;
}

type Pending = { work: () => Work<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };
const queues = new WeakMap<Database.Database, Pending[]>();

/**
 * Group commit: every transaction asked for during one turn of the event
 * loop runs in one SQLite transaction, each in its own savepoint (one that
 * throws is undone alone and rejects alone), and all are answered after the
 * one COMMIT. Under comment load this took the bench from 596 to 819 req/s
 * (decision 0012).
 */
function transactSqlite<T>(handle: Database.Database, work: () => Work<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(handle);
    if (!queue) {
      queues.set(handle, (queue = []));
      setImmediate(() => void flush(handle));
    }
    queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
  });
}

async function flush(handle: Database.Database): Promise<void> {
  // A Prisma interactive transaction holds this connection open across
  // awaits; wait for it to end rather than join it.
  while (handle.inTransaction) await new Promise((r) => setImmediate(r));
  const queue = queues.get(handle) ?? [];
  queues.delete(handle);
  const one = handle.transaction((p: Pending) => drive(handle, p.work));
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    // IMMEDIATE: take the write lock at BEGIN, so a writer in another
    // process makes this wait (busy timeout) instead of failing halfway.
    handle
      .transaction(() => {
        for (const p of queue) {
          try {
            outcomes.push({ ok: true, value: one(p) }); // nested: a savepoint
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })
      .immediate();
  } catch (error) {
    for (const p of queue) p.reject(error);
    return;
  }
  queue.forEach((p, i) => {
    const o = outcomes[i];
    if (o.ok) p.resolve(o.value);
    else p.reject(o.error);
  });
}

function drive<T>(handle: Database.Database, work: () => Work<T>): T {
  const gen = work();
  let next = gen.next();
  while (!next.done) {
    const { kind, st } = next.value;
    const stmt = prepared(handle, st);
    const args = st.values.map(sqliteValue);
    next = gen.next(kind === "get" ? stmt.get(...args) : stmt.run(...args).changes);
  }
  return next.value;
}
