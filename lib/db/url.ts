import path from "node:path";

export type DatabaseKind = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)");
}

/** The SQLite file a file: URL names, resolved from the working directory. */
export function sqliteFilePath(url: string | undefined): string {
  const u = url && url.length > 0 ? url : DEFAULT_DATABASE_URL;
  if (!u.startsWith("file:")) throw new Error("not a SQLite URL; expected file:…");
  const p = u.slice("file:".length).replace(/^\/\//, "").split("?")[0];
  return path.resolve(p);
}

/**
 * pg's connection string plus the schema to use: `?schema=name` is Prisma's
 * convention; pg itself does not know it, so it is lifted out here.
 */
export function postgresConnection(url: string): { connectionString: string; schema?: string } {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? undefined;
  u.searchParams.delete("schema");
  return { connectionString: u.toString(), schema };
}

/** The URL with any password replaced, for logs and error messages. */
export function redactUrl(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
