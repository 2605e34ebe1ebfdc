// npm run db:seed — development data: a few approved comments on the sample
// articles and a few confirmed subscribers. Idempotent (fixed ids), and it
// refuses to touch a production database.
import { db, disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { emailHash } from "../lib/newsletter/address";

import { SEED_COMMENTS, SEED_SUBSCRIBERS, daysAgo } from "./seed-data";

async function main() {
  if (env().APP_MODE === "production") {
    console.error("db:seed refuses to run with APP_MODE=production: seed data is for development only.");
    process.exit(1);
  }
  const client = db();
  for (const c of SEED_COMMENTS) {
    await client.comment.upsert({
      where: { id: c.id },
      update: {},
      create: { ...c, status: "approved", approvedAt: c.createdAt },
    });
  }
  for (const s of SEED_SUBSCRIBERS) {
    await client.subscriber.upsert({
      where: { emailHash: emailHash(s.email) },
      update: {},
      create: {
        ...s,
        emailHash: emailHash(s.email),
        status: "confirmed",
        confirmedAt: daysAgo(30),
        consentAt: daysAgo(30),
        consentSource: "seed",
        consentTextVersion: "seed",
      },
    });
  }
  console.log(`db:seed: ${SEED_COMMENTS.length} comments and ${SEED_SUBSCRIBERS.length} subscribers present`);
}

main()
  .catch((e) => {
    console.error(`db:seed failed: ${(e as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
