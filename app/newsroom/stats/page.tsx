import { BarChart } from "@/components/bar-chart";
import { CampaignStatsTable, FigureTable } from "@/components/newsroom/stats/campaign-table";
import { productStats, recentCampaignStats } from "@/lib/audience/stats";
import { content } from "@/lib/content";
import { db } from "@/lib/db";
import { editorForPage } from "../subscribers/_access";

// The audience figures of `npm run stats` in the console (issue #18): per
// campaign (click-through, bounces, complaints) and product clicks per
// product and per article. Aggregates only: no reader appears here.
// Editors and admins; a moderator is sent to /newsroom/forbidden by the server.
export const dynamic = "force-dynamic";
export const metadata = { title: "Stats", robots: { index: false } };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StatsPage({ searchParams }: Props) {
  await editorForPage("editor");
  const q = await searchParams;
  const asked = typeof q.since === "string" ? q.since.trim() : "";
  const badSince = asked !== "" && (!DAY.test(asked) || Number.isNaN(Date.parse(asked)));
  const since = asked && !badSince ? asked : undefined;
  const [campaigns, products] = await Promise.all([recentCampaignStats(db()), productStats(db(), since)]);
  const productName = (slug: string) => content.productBySlug(slug)?.name ?? slug;
  const articleName = (slug: string) => (slug ? (content.articleBySlug(slug)?.title ?? slug) : "Not in an article");
  const byProduct = products.products.slice(0, 15).map((p) => ({ label: productName(p.product), value: p.clicks }));
  const byArticle = products.articles.slice(0, 15).map((a) => ({ label: articleName(a.article), value: a.clicks }));
  const pairs = products.pairs
    .slice(0, 30)
    .map((p) => ({ label: `${productName(p.product)} in ${articleName(p.article)}`, value: p.clicks }));
  return (
    <div className="newsroom-section">
      <h1>Stats</h1>
      <p>
        Counted clicks and mail problems, added up. No reader is named or followed: clicks are counted per link, product and article only.
      </p>

      <h2>Campaigns</h2>
      <p>Click-through is counted clicks per delivered message (one reader clicking twice counts twice).</p>
      <CampaignStatsTable rows={campaigns} />

      <h2>Product clicks</h2>
      <form method="get" action="/newsroom/stats" className="newsroom-plain-form newsroom-inline">
        <label htmlFor="stats-since">Since (a day, YYYY-MM-DD, UTC)</label>
        <input
          id="stats-since"
          name="since"
          type="date"
          defaultValue={since ?? ""}
          aria-invalid={badSince || undefined}
          aria-describedby={badSince ? "stats-since-error" : undefined}
        />
        <button type="submit">Show</button>
      </form>
      {badSince ? (
        <p id="stats-since-error" role="alert" className="newsroom-error">
          since: give a day as YYYY-MM-DD (for example 2026-11-01). Showing every day instead.
        </p>
      ) : null}
      {byProduct.length === 0 ? (
        <p>No product click counted{since ? ` since ${since}` : ""}.</p>
      ) : (
        <>
          <BarChart title={`Clicks per product${since ? ` since ${since}` : ""}`} rows={byProduct} />
          <FigureTable caption="Clicks per product" head={["Product", "Clicks"]} rows={byProduct} />
          <BarChart title={`Product clicks per article${since ? ` since ${since}` : ""}`} rows={byArticle} />
          <FigureTable caption="Product clicks per article" head={["Article", "Clicks"]} rows={byArticle} />
          <FigureTable caption="Clicks per product in each article" head={["Product in article", "Clicks"]} rows={pairs} />
        </>
      )}
    </div>
  );
}
