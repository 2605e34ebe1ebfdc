/**
 * SQL sent straight to the driver adapter a Prisma client runs on, skipping
 * the client's query pipeline (compiler, interpreter, tracing): the one SQL
 * style of this code base, for paths a stranger can call in bulk and for
 * the sending engine. Through the client a one-row statement cost 0.2–0.3 ms
 * of CPU under load, at the adapter tens of microseconds (decision 0012).
 * Same connection (SQLite) or pool (PostgreSQL) as the client, so it sees
 * the same data and the same locks. Each call here is its own statement;
 * lib/db/transaction.ts runs several as one transaction.
 *
 *   const rows = await queryRows<{ n: string }>(db, sql`SELECT count(*) AS "n" FROM "Comment" WHERE "status" = ${s}`);
 *   await execute(db, sql`UPDATE "Delivery" SET "status" = 'queued' WHERE "id" IN ${list(ids)}`);
 */
import { connectionOf, type ArgType, type Dialect, type DriverQuery } from "./connection";

export type Statement = { strings: TemplateStringsArray; values: unknown[] };

/** A statement with its values kept apart from its text: values are always bound, never spliced. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  return { strings, values };
}

// Joined strings per pair of call sites: a joined statement keeps one text
// (and one prepared statement) however often it is built.
const joined = new WeakMap<TemplateStringsArray, WeakMap<TemplateStringsArray, TemplateStringsArray>>();

/**
 * Two statements as one, `head` then `tail`: for one rule written once and
 * used by several statements (campaigns.ts: the recipient rule behind both
 * the count an editor confirms and the INSERT that freezes the list).
 * Values stay bound, in order.
 */
export function concat(head: Statement, tail: Statement): Statement {
  let byTail = joined.get(head.strings);
  if (!byTail) joined.set(head.strings, (byTail = new WeakMap()));
  let strings = byTail.get(tail.strings);
  if (!strings) {
    const h = [...head.strings];
    const t = [...tail.strings];
    const parts = [...h.slice(0, -1), h[h.length - 1] + t[0], ...t.slice(1)];
    strings = Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray;
    byTail.set(tail.strings, strings);
  }
  return { strings, values: [...head.values, ...tail.values] };
}

const LIST = Symbol("sql list");
type ListParam = { [LIST]: true; values: readonly string[] };

/**
 * A list of text values bound as one parameter, for `IN ${list(ids)}`: a
 * JSON array read by json_each on SQLite, a text[] on PostgreSQL. The
 * statement's text stays the same whatever the list's length, so it is
 * prepared once.
 */
export const list = (values: readonly string[]): ListParam => ({ [LIST]: true, values });
const isList = (v: unknown): v is ListParam => typeof v === "object" && v !== null && LIST in v;

// Text per call site and dialect: a tagged template's strings array is the
// same object on every call, and a call site puts a list in the same slots
// every time.
const texts = { sqlite: new WeakMap<TemplateStringsArray, string>(), postgres: new WeakMap<TemplateStringsArray, string>() };

export function textOf(st: Statement, dialect: Dialect): string {
  let text = texts[dialect].get(st.strings);
  if (text === undefined) {
    text = st.strings.reduce((acc, part, i) => {
      const slot = dialect === "postgres" ? `$${i}` : "?";
      const param = isList(st.values[i - 1])
        ? dialect === "postgres"
          ? `(SELECT unnest(${slot}::text[]))`
          : `(SELECT value FROM json_each(${slot}))`
        : slot;
      return acc + param + part;
    });
    texts[dialect].set(st.strings, text);
  }
  return text;
}

function argType(v: unknown): ArgType {
  if (isList(v)) return { scalarType: "string", arity: "list" };
  const scalarType =
    typeof v === "string"
      ? "string"
      : typeof v === "boolean"
        ? "boolean"
        : typeof v === "bigint"
          ? "bigint"
          : typeof v === "number"
            ? Number.isInteger(v)
              ? "int"
              : "float"
            : v instanceof Date
              ? "datetime"
              : "unknown";
  return { scalarType, arity: "scalar" };
}

/** A bound value as the dialect's driver takes it (lists: JSON text on SQLite, an array on PostgreSQL). */
export function bindValue(v: unknown, dialect: Dialect): unknown {
  if (isList(v)) return dialect === "postgres" ? [...v.values] : JSON.stringify(v.values);
  return v;
}

export function driverQuery(st: Statement, dialect: Dialect): DriverQuery {
  return { sql: textOf(st, dialect), args: st.values.map((v) => bindValue(v, dialect)), argTypes: st.values.map(argType) };
}

export function rowObjects<T>({ columnNames, rows }: { columnNames: string[]; rows: unknown[][] }): T[] {
  return rows.map((r) => Object.fromEntries(columnNames.map((c, i) => [c, r[i]])) as T);
}

type Connectable = { $connect(): Promise<void> };

/**
 * Rows as objects keyed by column name. Values come as the adapter gives
 * them: on SQLite integers arrive as strings (Prisma turns on safe integers)
 * and dates as ISO text; on PostgreSQL dates as ISO text too.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Connectable, st: Statement): Promise<T[]> {
  const { dialect, connection } = await connectionOf(db);
  return rowObjects<T>(await connection.queryRaw(driverQuery(st, dialect)));
}

/** Number of rows the statement changed. */
export async function execute(db: Connectable, st: Statement): Promise<number> {
  const { dialect, connection } = await connectionOf(db);
  return connection.executeRaw(driverQuery(st, dialect));
}

/** SQL's true as either database returns it (SQLite: 1 or "1"; PostgreSQL: true). */
export const isTrue = (v: unknown) => v === true || v === 1 || v === 1n || v === "1";

/** A count or integer column as either database returns it (strings on SQLite with safe integers, numbers or bigints on PostgreSQL). */
export const toNumber = (v: unknown) => Number(v ?? 0);
