import type { Db } from "../db";

/**
 * The audience figures editors read (npm run stats): aggregates only —
 * clicks per link of a campaign, per product and per article; bounces and
 * complaints per campaign; click-through = counted clicks / delivered.
 */
export type CampaignStats = {
  campaignId: string;
  subject: string;
  delivered: number;
  clicks: number;
  /** Counted clicks per delivered message (a click can repeat: not "unique readers"). */
  clickThrough: number;
  links: { url: string; clicks: number }[];
  events: Record<"hard-bounce" | "soft-bounce" | "complaint" | "unsubscribe", number>;
};

export async function campaignStats(db: Db, campaignId: string): Promise<CampaignStats | undefined> {
  const c = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, subject: true } });
  if (!c) return undefined;
  const [delivered, links, events] = await Promise.all([
    db.delivery.count({ where: { campaignId, status: "sent" } }),
    db.linkClick.findMany({ where: { campaignId }, orderBy: [{ clicks: "desc" }, { url: "asc" }], select: { url: true, clicks: true } }),
    db.mailEvent.groupBy({ by: ["kind"], where: { campaignId }, _count: { _all: true } }),
  ]);
  const clicks = links.reduce((n, l) => n + l.clicks, 0);
  const byKind = { "hard-bounce": 0, "soft-bounce": 0, complaint: 0, unsubscribe: 0 };
  for (const e of events) if (e.kind in byKind) byKind[e.kind as keyof typeof byKind] = e._count._all;
  return { campaignId, subject: c.subject, delivered, clicks, clickThrough: delivered ? clicks / delivered : 0, links, events: byKind };
}

export type ProductStats = {
  products: { product: string; clicks: number }[];
  articles: { article: string; clicks: number }[];
  pairs: { product: string; article: string; clicks: number }[];
};

/** Product clicks since a day (YYYY-MM-DD, UTC), by product, by article and by both. */
export async function productStats(db: Db, since?: string): Promise<ProductStats> {
  const where = since ? { day: { gte: since } } : {};
  const [byProduct, byArticle, pairs] = await Promise.all([
    db.productClick.groupBy({ by: ["productSlug"], where, _sum: { clicks: true } }),
    db.productClick.groupBy({ by: ["articleSlug"], where, _sum: { clicks: true } }),
    db.productClick.groupBy({ by: ["productSlug", "articleSlug"], where, _sum: { clicks: true } }),
  ]);
  const desc = <T extends { clicks: number }>(a: T[]) => a.sort((x, y) => y.clicks - x.clicks);
  return {
    products: desc(byProduct.map((r) => ({ product: r.productSlug, clicks: r._sum.clicks ?? 0 }))),
    articles: desc(byArticle.map((r) => ({ article: r.articleSlug, clicks: r._sum.clicks ?? 0 }))),
    pairs: desc(pairs.map((r) => ({ product: r.productSlug, article: r.articleSlug, clicks: r._sum.clicks ?? 0 }))),
  };
}

export type CampaignSummary = {
  campaignId: string;
  subject: string;
  status: string;
  sendAt: Date;
  delivered: number;
  clicks: number;
  clickThrough: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
};

/**
 * The newest campaigns with the figures campaignStats gives one of them
 * (delivered, clicks, click-through, bounces, complaints), in four grouped
 * queries whatever the number of campaigns: the console's stats overview.
 */
export async function recentCampaignStats(db: Db, limit = 20): Promise<CampaignSummary[]> {
  const campaigns = await db.campaign.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, subject: true, status: true, sendAt: true },
  });
  const ids = campaigns.map((c) => c.id);
  if (ids.length === 0) return [];
  const [sent, clicks, events] = await Promise.all([
    db.delivery.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids }, status: "sent" }, _count: { _all: true } }),
    db.linkClick.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids } }, _sum: { clicks: true } }),
    db.mailEvent.groupBy({ by: ["campaignId", "kind"], where: { campaignId: { in: ids } }, _count: { _all: true } }),
  ]);
  const sentOf = new Map(sent.map((r) => [r.campaignId, r._count._all]));
  const clicksOf = new Map(clicks.map((r) => [r.campaignId, r._sum.clicks ?? 0]));
  const eventOf = (id: string, kind: string) => events.find((e) => e.campaignId === id && e.kind === kind)?._count._all ?? 0;
  return campaigns.map((c) => {
    const delivered = sentOf.get(c.id) ?? 0;
    const n = clicksOf.get(c.id) ?? 0;
    return {
      campaignId: c.id,
      subject: c.subject,
      status: c.status,
      sendAt: c.sendAt,
      delivered,
      clicks: n,
      clickThrough: delivered ? n / delivered : 0,
      hardBounces: eventOf(c.id, "hard-bounce"),
      softBounces: eventOf(c.id, "soft-bounce"),
      complaints: eventOf(c.id, "complaint"),
    };
  });
}
