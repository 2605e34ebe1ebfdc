// Child process for the concurrency test: writes N rows through lib/db,
// each in its own short transaction, the way request handlers do.
import { db, disconnectDb } from "../db";

const [who, count] = [process.argv[2], Number(process.argv[3])];
for (let i = 0; i < count; i++) {
  await db().$transaction(async (tx) => {
    await tx.comment.create({ data: { articleSlug: `p${who}`, authorName: `process ${who}`, body: `row ${i}` } });
  });
}
await disconnectDb();
console.log(`wrote ${count}`);
