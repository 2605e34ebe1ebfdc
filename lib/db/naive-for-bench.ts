import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/sqlite";
import { sqliteFilePath } from "./url";

/**
 * The baseline of `npm run bench:comments` and nothing else: Prisma on a
 * SQLite file left at its defaults (rollback journal, full sync, no busy
 * timeout beyond the driver's). The app itself always goes through db().
 */
export function createNaiveBenchmarkDb(url: string) {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(url) }) });
}
