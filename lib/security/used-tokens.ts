import type { Db } from "../db";
import { execute, sql, type Statement } from "../db/sql";

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
      const inserted = await execute(db, claimToken(purpose, tokenHash, new Date()));
      return inserted === 1;
    },
  };
}

/**
 * Records a token as used; changes one row the first time, none after. The
 * ledger runs it on its own, the comment intake inside its transaction:
 * both key by purpose, so a captcha token spent on one form is spent on all.
 */
export function claimToken(purpose: string, tokenHash: string, now: Date): Statement {
  return sql`INSERT INTO "UsedToken" ("tokenHash", "purpose", "usedAt") VALUES (${`${purpose}:${tokenHash}`}, ${purpose}, ${now})
    ON CONFLICT ("tokenHash") DO NOTHING`;
}

/** Forget tokens older than any provider's token lifetime. */
export async function purgeUsedTokens(db: Db, olderThan: Date): Promise<number> {
  return (await db.usedToken.deleteMany({ where: { usedAt: { lt: olderThan } } })).count;
}
