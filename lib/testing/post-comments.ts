// Child process for the comment intake's crash and multi-process tests:
// posts comments through submitComment (captcha off, new emails) from 20
// concurrent loops, printing "stored <id>" once each is acknowledged.
//   tsx lib/testing/post-comments.ts <who> <count>   (count 0: until killed)
import { submitComment, type SubmitDeps } from "../comments/submit";
import { db, disconnectDb } from "../db";

const who = process.argv[2] ?? "p";
const count = Number(process.argv[3] ?? 0);
const deps: SubmitDeps = {
  db: db(),
  policy: { maxLinks: 2, blockedWords: [], minSecondsToSubmit: 0, duplicateWindowHours: 24 },
  limits: {
    perIp: { name: "crash-ip", points: 1e9, durationSeconds: 600 },
    perEmail: { name: "crash-email", points: 3, durationSeconds: 600 },
  },
  names: { siteName: "Back in Motion", staffNames: [] },
  articleExists: () => true,
  checkCaptcha: async () => ({ ok: true }),
};
let n = 0;
const more = () => count === 0 || n < count;
await Promise.all(
  Array.from({ length: 20 }, async () => {
    while (more()) {
      const i = ++n;
      const r = await submitComment(
        deps,
        { articleSlug: "posture-myths", name: `Reader ${who}-${i}`, email: `${who}-${i}@example.com`, body: `Comment ${i} from ${who}.` },
        { ip: "198.51.100.1", browserId: `browser-${who}` },
      );
      if (r.kind !== "accepted") throw new Error(`not accepted: ${JSON.stringify(r)}`);
      // Pipes are written synchronously on Linux: a printed line was acknowledged.
      process.stdout.write(`stored ${r.id}\n`);
    }
  }),
);
await disconnectDb();
