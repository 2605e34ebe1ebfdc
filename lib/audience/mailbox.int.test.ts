// The bounce mailbox over IMAP, against a real server (dovecot): a bounce
// and a mailed unsubscribe land in the mailbox, one read applies both and
// flags them seen, a second read finds nothing new.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailHash } from "../newsletter/address";
import { newsletterLinks } from "../newsletter/tokens";
import { dsn, mailtoUnsubscribe } from "../testing/bounce-reports";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { hasDovecot, startDovecot, type Dovecot } from "../testing/dovecot";
import { confirmedSubscribers, createTestCampaign } from "../testing/worker-deps";
import { bounceAddressFor } from "./bounce-address";
import { readBounceMailbox } from "./mailbox";

const target = await testDatabaseTarget();
const keys = { current: "i".repeat(40), previous: [] };
if (!hasDovecot() && process.env.CI === "true") throw new Error("CI=true but dovecot is not installed (.ci/run installs it)");

describe.skipIf(!target.available || !hasDovecot())(`the bounce mailbox over IMAP on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let imap: Dovecot;
  beforeAll(async () => {
    imap = await startDovecot();
  });
  afterAll(async () => imap?.close());

  it("applies what arrived, once", async () => {
    await t.db.subscriber.createMany({ data: confirmedSubscribers(["gone@example.com", "quits@example.com"]) });
    await createTestCampaign(t.db, "imap");
    const gone = await t.db.delivery.findFirstOrThrow({ where: { email: "gone@example.com" } });
    const quits = await t.db.subscriber.findFirstOrThrow({ where: { email: "quits@example.com" } });
    await imap.append(dsn({ to: bounceAddressFor("bounces@backinmotion.example", keys, gone.id), recipient: "gone@example.com" }));
    await imap.append(mailtoUnsubscribe({ subject: newsletterLinks("https://backinmotion.example", keys).mailtoSubject(quits.id) }));
    await imap.append("From: someone@example.com\r\nSubject: Out of office\r\n\r\nBack on Monday.\r\n");

    const lines: string[] = [];
    const d = { db: t.db, keys, policy: { softLimit: 3, softWindowDays: 30 } };
    expect(await readBounceMailbox(d, { url: imap.url }, (l) => lines.push(l))).toBe(3);
    expect(lines.join("\n")).toMatch(/hard-bounce \(matched by return path\): recorded .*address suppressed \(bounced\)/);
    expect(lines.join("\n")).toMatch(/unsubscribe request: recorded; address suppressed \(unsubscribed\)/);
    expect(await t.db.suppression.findMany({ orderBy: { reason: "asc" } })).toMatchObject([
      { emailHash: emailHash("gone@example.com"), reason: "bounced" },
      { emailHash: emailHash("quits@example.com"), reason: "unsubscribed" },
    ]);
    expect(await imap.seen()).toBe(3);
    expect(await readBounceMailbox(d, { url: imap.url })).toBe(0);
    expect(await t.db.mailEvent.count()).toBe(2);
  });
});
