// npm run db:migrate — applies the committed migrations to DATABASE_URL.
// Used by `npm run setup` and by production deploys.
import { applyMigrations } from "../lib/db/migrations";
import { redactUrl } from "../lib/db/url";
import { env } from "../lib/env";
import { isMain, main, parse, UsageError, type Tool } from "./cli";

export const migrateTool: Tool = {
  name: "db:migrate",
  usage: `usage: npm run db:migrate
  applies the migrations in prisma/ that DATABASE_URL has not had yet; refuses a database that is ahead of the code`,
  async run(args, io) {
    const { positionals } = parse(args, {});
    if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    // A configuration problem is printed as one line with the tool's name (runTool), exit 1.
    const url = env().DATABASE_URL;
    const { applied } = await applyMigrations(url);
    io.out(
      applied.length
        ? `db:migrate: applied ${applied.length} migration(s) to ${redactUrl(url)}: ${applied.join(", ")}`
        : `db:migrate: ${redactUrl(url)} is up to date`,
    );
    return 0;
  },
};

if (isMain(import.meta.url)) await main(migrateTool);
