// npm run db:migrate — applies the committed migrations to DATABASE_URL.
// Used by `npm run setup` and by production deploys.
import { env, EnvError } from "../lib/env";
import { applyMigrations } from "../lib/db/migrations";
import { redactUrl } from "../lib/db/url";

async function main() {
  const url = env().DATABASE_URL;
  const { applied } = await applyMigrations(url);
  console.log(
    applied.length
      ? `db:migrate: applied ${applied.length} migration(s) to ${redactUrl(url)}: ${applied.join(", ")}`
      : `db:migrate: ${redactUrl(url)} is up to date`,
  );
}

main().catch((e) => {
  console.error(`db:migrate failed: ${e instanceof EnvError ? e.message : (e as Error).message}`);
  process.exit(1);
});
