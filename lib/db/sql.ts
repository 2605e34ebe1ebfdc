/**
 * SQL sent straight to the driver adapter a Prisma client runs on, skipping
 * the client's query pipeline (compiler, interpreter, tracing). For the few
 * paths a stranger can call in bulk: through the client a one-row statement
 * cost 0.2–0.3 ms of CPU under load, at the adapter tens of microseconds
 * (docs/decisions/0012). Same connection (SQLite) or pool (PostgreSQL) as the
 * client, so it sees the same data and the same locks. Each call here is its
 * own statement; lib/db/transaction.ts runs several as one transaction.
 *
 *   const rows = await queryRows<{ n: string }>(db, sql`SELECT count(*) AS "n" FROM "Comment" WHERE "status" = ${s}`);
 */
import type { Db } from "./client";

/** The part of Prisma's SqlDriverAdapter interface used here (@prisma/driver-adapter-utils). */
export type DriverConnection = {
  readonly provider: string;
  queryRaw(q: DriverQuery): Promise<{ columnNames: string[]; rows: unknown[][] }>;
  executeRaw(q: DriverQuery): Promise<number>;
  startTransaction(): Promise<DriverTransaction>;
};
export type DriverTransaction = Pick<DriverConnection, "queryRaw" | "executeRaw"> & { commit(): Promise<void>; rollback(): Promise<void> };
type ArgType = { scalarType: "string" | "int" | "bigint" | "float" | "boolean" | "datetime" | "unknown"; arity: "scalar" };
export type DriverQuery = { sql: string; args: unknown[]; argTypes: ArgType[] };

export type Statement = { strings: TemplateStringsArray; values: unknown[] };

/** A statement with its values kept apart from its text: values are always bound, never spliced. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  return { strings, values };
}

type Slot = { dialect: "sqlite" | "postgres"; current?: DriverConnection };
// Kept on the client object under a registry symbol, not in a module-level
// map: `next dev` reloads modules but keeps the client (lib/db/index.ts).
const SLOT = Symbol.for("spine-press.db.driver-connection");
const slotOf = (db: object): Slot | undefined => (db as { [SLOT]?: Slot })[SLOT];

/** createDb() registers each client's adapter here as Prisma connects it. */
export function registerConnection(db: object, dialect: "sqlite" | "postgres"): (c: DriverConnection) => void {
  const slot: Slot = { dialect };
  Object.defineProperty(db, SLOT, { value: slot, enumerable: false });
  return (c) => void (slot.current = c);
}

/** Which database a client made by createDb() talks to. */
export function registeredDialect(db: object): "sqlite" | "postgres" | undefined {
  return slotOf(db)?.dialect;
}

export async function connectionOf(db: Db) {
  const slot = slotOf(db);
  if (!slot) throw new Error("This Prisma client was not made by createDb(), so its driver connection is unknown");
  if (!slot.current) await db.$connect();
  if (!slot.current) throw new Error("Prisma connected without opening its driver adapter");
  return { dialect: slot.dialect, connection: slot.current };
}

// Text per call site and dialect: a tagged template's strings array is the same object on every call.
const texts = { sqlite: new WeakMap<TemplateStringsArray, string>(), postgres: new WeakMap<TemplateStringsArray, string>() };

export function textOf(s: TemplateStringsArray, dialect: "sqlite" | "postgres"): string {
  let text = texts[dialect].get(s);
  if (text === undefined) {
    text = s.reduce((acc, part, i) => acc + (dialect === "postgres" ? `$${i}` : "?") + part);
    texts[dialect].set(s, text);
  }
  return text;
}

function argType(v: unknown): ArgType {
  const scalarType =
    typeof v === "string" ? "string"
    : typeof v === "boolean" ? "boolean"
    : typeof v === "bigint" ? "bigint"
    : typeof v === "number" ? (Number.isInteger(v) ? "int" : "float")
    : v instanceof Date ? "datetime"
    : "unknown";
  return { scalarType, arity: "scalar" };
}

export function driverQuery(st: Statement, dialect: "sqlite" | "postgres"): DriverQuery {
  return { sql: textOf(st.strings, dialect), args: st.values, argTypes: st.values.map(argType) };
}

export function rowObjects<T>({ columnNames, rows }: { columnNames: string[]; rows: unknown[][] }): T[] {
  return rows.map((r) => Object.fromEntries(columnNames.map((c, i) => [c, r[i]])) as T);
}

/**
 * Rows as objects keyed by column name. Values come as the adapter gives
 * them: on SQLite integers arrive as strings (Prisma turns on safe integers)
 * and dates as ISO text; on PostgreSQL dates as ISO text too.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Db, st: Statement): Promise<T[]> {
  const { dialect, connection } = await connectionOf(db);
  return rowObjects<T>(await connection.queryRaw(driverQuery(st, dialect)));
}

/** Number of rows the statement changed. */
export async function execute(db: Db, st: Statement): Promise<number> {
  const { dialect, connection } = await connectionOf(db);
  return connection.executeRaw(driverQuery(st, dialect));
}

/** SQL's true as either database returns it (SQLite: 1 or "1"; PostgreSQL: true). */
export const isTrue = (v: unknown) => v === true || v === 1 || v === 1n || v === "1";
