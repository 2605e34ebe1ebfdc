/**
 * A transaction written once as a generator of SQL steps, run the cheapest
 * way each database allows:
 *
 * - SQLite: synchronously, on the better-sqlite3 handle the Prisma adapter
 *   opened, with each statement prepared once per process, grouped with the
 *   other transactions asked for in the same event-loop turn (one COMMIT;
 *   a work that throws is undone alone, see transactSqlite). No other code
 *   can run between its statements, so nothing else can slip into it, and it
 *   costs no promise per statement (under Next every promise pays for
 *   AsyncLocalStorage; decision 0012).
 * - PostgreSQL: over one pooled connection from the same adapter, BEGIN …
 *   COMMIT, as Prisma's own interactive transactions do, grouped the same
 *   way (a savepoint each, one COMMIT; see transactPostgres).
 *
 *   function* work(): Work<boolean> {
 *     const changed = yield run(sql`UPDATE … WHERE "id" = ${id}`);
 *     return changed === 1;
 *   }
 *   const ok = await transact(db, work);
 *
 * `get` yields the first row (or undefined), `run` the number of rows
 * changed. Throwing rolls everything back; returning commits. A work may be
 * run more than once (on SQLite, when another in its group throws), so it
 * does nothing but its SQL steps and pure computation.
 */
import type Database from "better-sqlite3";
import type { Db } from "./client";
import { connectionOf, type DriverConnection, type DriverTransaction } from "./connection";
import { bindValue, driverQuery, rowObjects, sql, textOf, type Statement } from "./sql";

export type Step = { kind: "get" | "run"; st: Statement } | { kind: "lock"; key: string };
export type Work<T> = Generator<Step, T, unknown>;

export const get = (st: Statement): Step => ({ kind: "get", st });
export const run = (st: Statement): Step => ({ kind: "run", st });
/**
 * Serialises this transaction with every other one taking the same key,
 * until commit: a PostgreSQL advisory transaction lock. On SQLite nothing
 * to do: its transactions already run one at a time.
 */
export const lock = (key: string): Step => ({ kind: "lock", key });

export async function transact<T>(db: Db, work: () => Work<T>): Promise<T> {
  const { dialect, connection } = await connectionOf(db);
  if (dialect === "sqlite") return transactSqlite(sqliteHandle(connection), work);
  return transactPostgres(connection, work);
}

/**
 * Group commit on PostgreSQL too: the transactions asked for while fewer
 * than MAX_GROUPS groups are running join the next group, which runs them
 * one after another on one pooled connection inside one BEGIN … COMMIT, each
 * in its own savepoint (one that throws is undone alone and rejects alone),
 * and answers all after the one COMMIT. A COMMIT waits for its WAL flush and
 * holds every row lock taken until then: one transaction per comment made all
 * comments from one address queue behind each other's flush on the shared
 * rate-limit row (bench:comments --postgres, docs/performance.md).
 *
 * Groups on several connections (or instances) can deadlock where one
 * transaction each would not; PostgreSQL then aborts one group, and its
 * transactions are run again one by one, so a caller sees the outcome its own
 * transaction would have had.
 */
const MAX_GROUPS = 4;
const MAX_GROUP_SIZE = 64;
type PgQueue = { pending: Pending[]; running: number };
const pgQueues = new WeakMap<DriverConnection, PgQueue>();

function transactPostgres<T>(connection: DriverConnection, work: () => Work<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = pgQueues.get(connection);
    if (!queue) pgQueues.set(connection, (queue = { pending: [], running: 0 }));
    queue.pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
    if (queue.running < MAX_GROUPS) {
      queue.running++;
      // One turn of the event loop gathers the transactions asked for meanwhile.
      setImmediate(() => void drainPostgres(connection, queue));
    }
  });
}

async function drainPostgres(connection: DriverConnection, queue: PgQueue): Promise<void> {
  try {
    while (queue.pending.length > 0) await runGroup(connection, queue.pending.splice(0, MAX_GROUP_SIZE));
  } finally {
    queue.running--;
  }
}

const RETRY_ALONE = new Set(["40P01", "40001"]); // deadlock detected, serialization failure

async function runGroup(connection: DriverConnection, group: Pending[]): Promise<void> {
  try {
    const outcomes = await runInOneTransaction(connection, group);
    group.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  } catch (error) {
    if (group.length > 1 && RETRY_ALONE.has(postgresCode(error) ?? "")) {
      for (const p of group) await runGroup(connection, [p]);
      return;
    }
    for (const p of group) p.reject(error);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function runInOneTransaction(connection: DriverConnection, group: Pending[]): Promise<Outcome[]> {
  const tx = await connection.startTransaction();
  const exec = (text: string) => tx.executeRaw({ sql: text, args: [], argTypes: [] });
  const outcomes: Outcome[] = [];
  try {
    if (group.length === 1) {
      // Alone: the work's error rolls the transaction back (the catch below).
      outcomes.push({ ok: true, value: await drivePostgres(tx, group[0].work) });
    } else {
      for (const p of group) {
        await exec("SAVEPOINT w");
        try {
          outcomes.push({ ok: true, value: await drivePostgres(tx, p.work) });
          await exec("RELEASE SAVEPOINT w");
        } catch (error) {
          // A deadlock aborts the whole group: let it be retried one by one.
          if (RETRY_ALONE.has(postgresCode(error) ?? "")) throw error;
          await exec("ROLLBACK TO SAVEPOINT w");
          await exec("RELEASE SAVEPOINT w");
          outcomes.push({ ok: false, error });
        }
      }
    }
    await exec("COMMIT");
    await tx.commit();
    return outcomes;
  } catch (e) {
    // The work's own error is the one to report, not a failed cleanup after it.
    await exec("ROLLBACK").catch(() => {});
    await tx.rollback().catch(() => {});
    throw e;
  }
}

async function drivePostgres<T>(tx: DriverTransaction, work: () => Work<T>): Promise<T> {
  const gen = work();
  let next = gen.next();
  while (!next.done) {
    const step = next.value;
    if (step.kind === "lock") {
      await tx.executeRaw(driverQuery(sql`SELECT pg_advisory_xact_lock(hashtextextended(${step.key}, 0))`, "postgres"));
      next = gen.next(undefined);
      continue;
    }
    const q = driverQuery(step.st, "postgres");
    next = gen.next(step.kind === "get" ? rowObjects(await tx.queryRaw(q))[0] : await tx.executeRaw(q));
  }
  return next.value;
}

/** PostgreSQL's SQLSTATE of an error from the driver adapter, if it carries one. */
function postgresCode(e: unknown): string | undefined {
  const err = e as { code?: string; cause?: { originalCode?: string; code?: string } } | undefined;
  return err?.cause?.originalCode ?? err?.cause?.code ?? err?.code;
}

function sqliteHandle(connection: unknown): Database.Database {
  // PrismaBetterSQLite3's connection keeps its better-sqlite3 Database as `client`.
  const handle = (connection as { client?: Database.Database }).client;
  if (!handle || typeof handle.prepare !== "function")
    throw new Error("The SQLite driver adapter no longer exposes its better-sqlite3 handle as `client`");
  return handle;
}

const statements = new WeakMap<Database.Database, WeakMap<TemplateStringsArray, Database.Statement>>();

function prepared(handle: Database.Database, st: Statement): Database.Statement {
  let cache = statements.get(handle);
  if (!cache) statements.set(handle, (cache = new WeakMap()));
  let stmt = cache.get(st.strings);
  if (!stmt) cache.set(st.strings, (stmt = handle.prepare(textOf(st, "sqlite"))));
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
 * loop runs in one SQLite transaction, and all are answered after the one
 * COMMIT. Under comment load this took the bench from 596 to 819 req/s
 * (decision 0012); a group holds about eight comments there.
 *
 * A work that throws must fail alone. Rather than a savepoint around each
 * work (~20 µs a comment, measured on the bench's database), the group runs
 * without them; if any work throws, the whole group is undone and each work
 * runs again in a transaction of its own, so every caller gets the outcome
 * its own transaction would have had. Works throw rarely (a broken
 * constraint, a bug), so the retry is the exception.
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
  let outcomes: Outcome[];
  try {
    outcomes = runSqliteGroup(handle, queue);
  } catch (error) {
    // The transaction itself failed (BEGIN or COMMIT: another process held the lock past the busy timeout).
    for (const p of queue) p.reject(error);
    return;
  }
  queue.forEach((p, i) => {
    const o = outcomes[i];
    if (o.ok) p.resolve(o.value);
    else p.reject(o.error);
  });
}

/** Runs the works of a group; throws only when the transaction could not begin or commit. */
function runSqliteGroup(handle: Database.Database, queue: Pending[]): Outcome[] {
  let failed = false;
  try {
    // IMMEDIATE: take the write lock at BEGIN, so a writer in another
    // process makes this wait (busy timeout) instead of failing halfway.
    const values = handle
      .transaction(() =>
        queue.map((p) => {
          try {
            return drive(handle, p.work);
          } catch (error) {
            failed = true;
            throw error;
          }
        }),
      )
      .immediate();
    return values.map((value) => ({ ok: true, value }));
  } catch (error) {
    if (!failed) throw error;
    if (queue.length === 1) return [{ ok: false, error }];
    // A work threw and the group was rolled back: each runs again alone.
    return queue.map((p) => {
      try {
        return runSqliteGroup(handle, [p])[0];
      } catch (error) {
        return { ok: false, error };
      }
    });
  }
}

function drive<T>(handle: Database.Database, work: () => Work<T>): T {
  const gen = work();
  let next = gen.next();
  while (!next.done) {
    const step = next.value;
    if (step.kind === "lock") {
      next = gen.next(undefined);
      continue;
    }
    const stmt = prepared(handle, step.st);
    const args = step.st.values.map((v) => sqliteValue(bindValue(v, "sqlite")));
    next = gen.next(step.kind === "get" ? stmt.get(...args) : stmt.run(...args).changes);
  }
  return next.value;
}
