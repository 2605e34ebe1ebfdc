import type { Db } from "../db";
import { execute, sql } from "../db/sql";

/**
 * Single-use tokens (captcha answers, signed links), remembered by hash in
 * the database so "used once" holds across app instances.
 */
export function databaseLedger(db: Db, purpose: string) {
  return {
    async claim(tokenHash: string): Promise<boolean> {
      // One statement, no error path: the primary key decides which of two
      // concurrent claims wins, and the loser changes nothing. (Prisma's
      // create + catching P2002 cost ten times the CPU.)
      const inserted = await execute(db, sql`INSERT INTO "UsedToken" ("tokenHash", "purpose", "usedAt")
        VALUES (${`${purpose}:${tokenHash}`}, ${purpose}, ${new Date()})
        ON CONFLICT ("tokenHash") DO NOTHING`);
      return inserted === 1;
    },
  };
}

/** Forget tokens older than any provider's token lifetime. */
export async function purgeUsedTokens(db: Db, olderThan: Date): Promise<number> {
  return (await db.usedToken.deleteMany({ where: { usedAt: { lt: olderThan } } })).count;
}
