// The click counters of this process (lib/audience/clicks.ts): one batcher,
// flushed every CLICK_FLUSH_MS, bound to the database and the keys.
import "server-only";
import { ClickBatcher } from "@/lib/audience/clicks";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { memoize } from "@/lib/memoize";

export const clickBatcher = memoize(
  () =>
    new ClickBatcher(db, {
      flushMs: env().CLICK_FLUSH_MS,
      maxKeys: 5000,
      onError: (e) => console.error(`click counts: not written: ${(e as Error).message}`),
    }),
);

export const clickSettings = () => ({ scannerSeconds: env().CLICK_SCANNER_SECONDS });
