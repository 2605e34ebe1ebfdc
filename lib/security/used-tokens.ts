import type { Db } from "../db";

/**
 * Single-use tokens (captcha answers, signed links), remembered by hash in
 * the database so "used once" holds across app instances.
 */
export function databaseLedger(db: Db, purpose: string) {
  return {
    async claim(tokenHash: string): Promise<boolean> {
      try {
        await db.usedToken.create({ data: { tokenHash: `${purpose}:${tokenHash}`, purpose } });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") return false;
        throw e;
      }
    },
  };
}

/** Forget tokens older than any provider's token lifetime. */
export async function purgeUsedTokens(db: Db, olderThan: Date): Promise<number> {
  return (await db.usedToken.deleteMany({ where: { usedAt: { lt: olderThan } } })).count;
}
