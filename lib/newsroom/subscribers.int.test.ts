// The newsroom's subscriber and newsletter queries on each database: search
// by address or prefix a page at a time, weekly growth, a record, delete and
// erase, export, import through the CLI's function, the recipient count the
// send form shows, send/schedule refusals, and the delivery log.
import { beforeEach, describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { emailHash } from "../newsletter/address";
import { countRecipients, createCampaign } from "../newsletter/campaigns";
import { campaignProgress, commandFromConsole, deliveryLog, sendOrSchedule } from "./newsletters";
import {
  exportSubscribersCsv,
  importFromConsole,
  removeSubscriber,
  searchSubscribers,
  subscriberRecord,
  weeklyGrowth,
  type AuditEntry,
} from "./subscribers";

const target = await testDatabaseTarget();
const policy = { rejectDisposable: false, rejectRole: false };
const NOW = new Date("2026-11-25T12:00:00Z");
const DAY = 86_400_000;

describe.skipIf(!target.available)(`newsroom sections on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let audited: AuditEntry[];
  const audit = async (e: AuditEntry) => void audited.push(e);
  beforeEach(async () => {
    audited = [];
    await t.db.campaign.deleteMany();
    await t.db.subscriber.deleteMany();
    await t.db.suppression.deleteMany();
  });

  async function add(email: string, opts: { status?: string; confirmedAt?: Date; paused?: boolean } = {}) {
    return t.db.subscriber.create({
      data: {
        email,
        emailHash: emailHash(email),
        status: opts.status ?? "confirmed",
        confirmedAt: opts.confirmedAt ?? (opts.status === "pending" ? null : NOW),
        paused: opts.paused ?? false,
        consentTextVersion: "2026-11-24",
        consentSource: "footer",
      },
    });
  }

  it("finds an exact address whatever its case, and a prefix a page at a time without repeats or gaps", async () => {
    for (let i = 0; i < 7; i++) await add(`ana${i}@example.org`);
    await add("bob@example.org");
    expect((await searchSubscribers(t.db, { q: "ANA3@Example.org" })).rows.map((r) => r.email)).toEqual(["ana3@example.org"]);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await searchSubscribers(t.db, { q: "ana", after }, 3);
      expect(page.rows.length).toBeLessThanOrEqual(3);
      seen.push(...page.rows.map((r) => r.email));
      after = page.next;
    } while (after);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `ana${i}@example.org`));
    expect((await searchSubscribers(t.db, { q: "zed" })).rows).toEqual([]);
    // A forged cursor is read as "from the start", never as SQL.
    expect((await searchSubscribers(t.db, { q: "bob", after: "bm90IGpzb24" })).rows.map((r) => r.email)).toEqual(["bob@example.org"]);
  });

  it("counts confirmations per week of today's list", async () => {
    await add("a@example.org", { confirmedAt: new Date(NOW.getTime() - 1 * DAY) });
    await add("b@example.org", { confirmedAt: new Date(NOW.getTime() - 8 * DAY) });
    await add("c@example.org", { confirmedAt: new Date(NOW.getTime() - 9 * DAY) });
    await add("p@example.org", { status: "pending" });
    const weeks = await weeklyGrowth(t.db, 12, NOW);
    expect(weeks).toHaveLength(12);
    expect(weeks[11].start.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(weeks.slice(-2).map((w) => w.confirmed)).toEqual([2, 1]);
  });

  it("delete keeps only the hash; erase leaves nothing; a second click changes nothing", async () => {
    const a = await add("del@example.org");
    const b = await add("erase@example.org");
    const c = await createCampaign(
      t.db,
      { newsletterSlug: "x", subject: "S", html: "<p>h</p>", text: "t", sendAt: NOW },
      { resend: false },
    );
    expect(c.kind).toBe("created");
    expect((await subscriberRecord(t.db, b.id))?.deliveries).toHaveLength(1);
    // Decision 0044: the record shows the topics now and as consented (an added row takes everything).
    expect(await subscriberRecord(t.db, b.id)).toMatchObject({ topics: { all: true }, consentTopics: { all: true } });

    expect(await removeSubscriber(t.db, audit, a.id, "delete")).toEqual({ ok: true });
    expect(await t.db.suppression.findUnique({ where: { emailHash: emailHash("del@example.org") } })).toMatchObject({ reason: "deleted" });
    expect(await removeSubscriber(t.db, audit, b.id, "erase")).toEqual({ ok: true });
    expect(await t.db.suppression.findUnique({ where: { emailHash: emailHash("erase@example.org") } })).toBeNull();
    expect(await t.db.delivery.count({ where: { subscriberId: b.id } })).toBe(0);
    const again = await removeSubscriber(t.db, audit, b.id, "erase");
    expect(again.ok).toBe(false);
    expect(audited.map((e) => [e.action, e.objectId])).toEqual([
      ["subscriber.delete", a.id],
      ["subscriber.erase", b.id],
    ]);
  });

  it("exports every row in batches with one header, spreadsheet-safe", async () => {
    for (let i = 0; i < 5; i++) await add(`e${i}@example.org`);
    await t.db.subscriber.updateMany({ where: { email: "e0@example.org" }, data: { firstName: "=HYPERLINK(1)" } });
    let csv = "";
    for await (const chunk of exportSubscribersCsv(t.db, {}, 2)) csv += chunk;
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("email,first_name,status,paused,confirmed_at,consent_at,consent_source,consent_text_version");
    expect(lines).toHaveLength(6);
    expect(csv).toContain("'=HYPERLINK(1)");
  });

  it("imports through the CLI's function with its line-numbered report", async () => {
    const { lines } = await importFromConsole(
      t.db,
      audit,
      { name: "list.csv", text: "email,first_name\nok@example.org,Ok\nnot-an-address,X\nok@example.org,Again\n" },
      { state: "pending", policy },
    );
    expect(lines[0]).toMatch(/^line 3: rejected: /);
    expect(lines[1]).toBe("line 4: rejected: duplicate of an earlier line");
    expect(lines.at(-1)).toBe("imported 1 as pending, skipped 0, rejected 2");
    expect(audited[0]).toMatchObject({ action: "subscribers.import", objectId: "list.csv" });
  });

  it("sends only with the count the editor saw, once per issue, and logs failures", async () => {
    await add("one@example.org");
    await add("two@example.org");
    await add("paused@example.org", { paused: true });
    await add("pending@example.org", { status: "pending" });
    const suppressed = await add("gone@example.org");
    await t.db.suppression.create({ data: { emailHash: suppressed.emailHash, reason: "bounced" } });
    expect(await countRecipients(t.db)).toBe(2);
    const issue = { slug: "issue-1", subject: "S", html: "<p>h</p>", text: "t" };

    const stale = await sendOrSchedule(t.db, audit, issue, { expected: 3, resend: false }, NOW);
    expect(stale).toMatchObject({ ok: false, field: "expected" });
    expect(await t.db.campaign.count()).toBe(0);
    const past = await sendOrSchedule(t.db, audit, issue, { expected: 2, resend: false, sendAt: new Date(NOW.getTime() - DAY) }, NOW);
    expect(past).toMatchObject({ ok: false, field: "at" });

    const later = new Date(NOW.getTime() + DAY);
    const r = await sendOrSchedule(t.db, audit, issue, { expected: 2, resend: false, sendAt: later }, NOW);
    expect(r).toMatchObject({ ok: true, recipients: 2, scheduled: true });
    // The double-submitted form: nothing new.
    const twice = await sendOrSchedule(t.db, audit, issue, { expected: 2, resend: false, sendAt: later }, NOW);
    expect(twice).toMatchObject({ ok: false });
    expect(await t.db.campaign.count()).toBe(1);
    if (!r.ok) throw new Error("unreachable");
    expect(await t.db.campaign.findUnique({ where: { id: r.campaignId }, select: { sendAt: true, status: true } })).toEqual({
      sendAt: later,
      status: "scheduled",
    });

    expect(await commandFromConsole(t.db, audit, r.campaignId, "pause", "Ana")).toMatchObject({ ok: true, status: "paused" });
    expect(await commandFromConsole(t.db, audit, r.campaignId, "pause", "Ana")).toMatchObject({ ok: false });
    expect(await commandFromConsole(t.db, audit, "no-such-campaign", "cancel", "Ana")).toMatchObject({ ok: false });

    const first = await t.db.delivery.findFirstOrThrow({ where: { campaignId: r.campaignId }, orderBy: { id: "asc" } });
    await t.db.delivery.update({ where: { id: first.id }, data: { status: "failed", error: "550: no such user", attempts: 1 } });
    await t.db.subscriber.delete({ where: { id: first.subscriberId } });
    const log = await deliveryLog(t.db, r.campaignId);
    expect(log.rows).toEqual([expect.objectContaining({ id: first.id, error: "550: no such user", suppressed: true })]);
    expect(log.next).toBeUndefined();
    expect(await campaignProgress(t.db, r.campaignId, NOW)).toMatchObject({ status: "paused", failed: 1, queued: 1, total: 2, rate: 0 });
    expect(audited.map((e) => e.action)).toEqual(["newsletter.schedule", "newsletter.pause"]);
  });
});
