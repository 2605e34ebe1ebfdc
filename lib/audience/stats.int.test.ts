// The console's stats overview (recentCampaignStats) gives each campaign the
// figures `npm run stats -- campaign` (campaignStats) gives it, on both databases.
import { describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { campaignStats, recentCampaignStats } from "./stats";

const target = await testDatabaseTarget();

describe.skipIf(!target.available)(`campaign stats on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);

  it("the overview's delivered, clicks, click-through, bounces and complaints equal each campaign's own report", async () => {
    const campaign = (id: string, at: string) =>
      t.db.campaign.create({
        data: {
          id,
          newsletterSlug: id,
          subject: `Issue ${id}`,
          html: "h",
          text: "t",
          status: "done",
          sendAt: new Date(at),
          recipientCount: 3,
          createdAt: new Date(at),
        },
      });
    await campaign("ca", "2026-11-01T08:00:00Z");
    await campaign("cb", "2026-11-15T08:00:00Z");
    const delivery = (c: string, s: string, status: string) =>
      t.db.delivery.create({ data: { id: `${c}-${s}`, campaignId: c, subscriberId: s, email: `${s}@example.com`, status } });
    await delivery("ca", "s1", "sent");
    await delivery("ca", "s2", "sent");
    await delivery("ca", "s3", "failed");
    await delivery("cb", "s1", "sent");
    await t.db.linkClick.createMany({
      data: [
        { campaignId: "ca", url: "https://a.example/", clicks: 3 },
        { campaignId: "ca", url: "https://b.example/", clicks: 1 },
      ],
    });
    let n = 0;
    const event = (campaignId: string, kind: string) =>
      t.db.mailEvent.create({ data: { key: `k${++n}`, source: "dsn", kind, campaignId, detail: "5.1.1" } });
    await event("ca", "hard-bounce");
    await event("ca", "complaint");
    await event("cb", "soft-bounce");
    await event("cb", "soft-bounce");

    const rows = await recentCampaignStats(t.db);
    expect(rows.map((r) => r.campaignId)).toEqual(["cb", "ca"]);
    for (const r of rows) {
      const one = (await campaignStats(t.db, r.campaignId))!;
      expect(r).toMatchObject({
        delivered: one.delivered,
        clicks: one.clicks,
        clickThrough: one.clickThrough,
        hardBounces: one.events["hard-bounce"],
        softBounces: one.events["soft-bounce"],
        complaints: one.events.complaint,
      });
    }
    expect(rows[1]).toMatchObject({ delivered: 2, clicks: 4, clickThrough: 2, hardBounces: 1, complaints: 1 });
    expect(rows[0]).toMatchObject({ delivered: 1, clicks: 0, softBounces: 2 });
  });
});
