/**
 * Which driver connection a Prisma client opened, and on which database.
 * Prisma does not expose its adapter's connection; createDb() wraps the
 * adapter factory to report it here, and lib/db/sql.ts and transaction.ts
 * send SQL straight to it (decision 0012). Depends on nothing else in
 * lib/db, so client.ts and sql.ts both import it without a circle.
 */

/** The part of Prisma's SqlDriverAdapter interface used here (@prisma/driver-adapter-utils). */
export type DriverConnection = {
  readonly provider: string;
  queryRaw(q: DriverQuery): Promise<{ columnNames: string[]; rows: unknown[][] }>;
  executeRaw(q: DriverQuery): Promise<number>;
  startTransaction(): Promise<DriverTransaction>;
};
export type DriverTransaction = Pick<DriverConnection, "queryRaw" | "executeRaw"> & { commit(): Promise<void>; rollback(): Promise<void> };
export type ArgType = {
  scalarType: "string" | "int" | "bigint" | "float" | "boolean" | "datetime" | "unknown";
  arity: "scalar" | "list";
};
export type DriverQuery = { sql: string; args: unknown[]; argTypes: ArgType[] };
export type Dialect = "sqlite" | "postgres";

type Slot = { dialect: Dialect; current?: DriverConnection };
// Kept on the client object under a registry symbol, not in a module-level
// map: `next dev` reloads modules but keeps the client (lib/db/index.ts).
const SLOT = Symbol.for("spine-press.db.driver-connection");
const slotOf = (db: object): Slot | undefined => (db as { [SLOT]?: Slot })[SLOT];

/** createDb() registers each client's adapter here as Prisma connects it. */
export function registerConnection(db: object, dialect: Dialect): (c: DriverConnection) => void {
  const slot: Slot = { dialect };
  Object.defineProperty(db, SLOT, { value: slot, enumerable: false });
  return (c) => void (slot.current = c);
}

/** Which database a client made by createDb() talks to (SQLite for any other client). */
export function dialectOf(db: object): Dialect {
  return slotOf(db)?.dialect ?? "sqlite";
}

/** The client's driver connection, connecting first if Prisma has not yet. */
export async function connectionOf(db: { $connect(): Promise<void> }): Promise<{ dialect: Dialect; connection: DriverConnection }> {
  const slot = slotOf(db);
  if (!slot) throw new Error("This Prisma client was not made by createDb(), so its driver connection is unknown");
  if (!slot.current) await db.$connect();
  if (!slot.current) throw new Error("Prisma connected without opening its driver adapter");
  return { dialect: slot.dialect, connection: slot.current };
}
