import { afterEach, describe, expect, it, vi } from "vitest";
import { nextGoLive, notLiveBy, pagesShowing, startPublishTimer, wentLiveBetween } from "./schedule";
import { article, category } from "./test-fixtures";

const categories = new Map([
  ["back", category("back", { parent: "health" })],
  ["health", category("health")],
]);
const categoryOf = (slug: string) => categories.get(slug);

const live = article("live", { published: "2026-11-01T00:00:00.000Z", tags: ["walking"] });
const soon = article("soon", { published: "2026-11-25T07:00:00.000Z", tags: ["Walking", "sleep"], reviewer: "rev" });
const later = article("later", { published: "2026-12-01T07:00:00.000Z", category: "other" });
const draft = article("draft", { published: "2026-11-25T06:00:00.000Z", draft: true });
const unrelated = article("unrelated", { published: "2026-10-01T00:00:00.000Z", category: "other", tags: ["desk"] });
const all = [live, soon, later, draft, unrelated];

describe("the publish timer's rules (decision 0018)", () => {
  it("finds the next article to go live, never a draft", () => {
    expect(nextGoLive(all, new Date("2026-11-25T05:00:00Z"))?.toISOString()).toBe("2026-11-25T07:00:00.000Z");
    expect(nextGoLive(all, new Date("2026-11-25T07:00:00Z"))?.toISOString()).toBe("2026-12-01T07:00:00.000Z");
    expect(nextGoLive(all, new Date("2027-01-01T00:00:00Z"))).toBeUndefined();
    expect(wentLiveBetween(all, new Date("2026-11-25T06:59:59Z"), new Date("2026-11-25T07:00:00Z")).map((a) => a.slug)).toEqual(["soon"]);
  });

  it("regenerates every page that lists the article", () => {
    const paths = pagesShowing([soon], all, categoryOf);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/",
        "/feed.xml",
        "/sitemap.xml",
        "/articles/soon",
        "/categories/back",
        "/categories/health",
        "/tags/walking",
        "/tags/sleep",
        "/authors/ann",
        "/authors/rev",
        // Same category or a shared tag: its related list may now show the new article.
        "/articles/live",
      ]),
    );
    expect(paths).not.toContain("/articles/unrelated");
    expect(paths).not.toContain("/articles/draft");
  });

  it("says which featured articles a newsletter would send early", () => {
    expect(notLiveBy(all, ["live", "soon", "draft", "gone"], new Date("2026-11-25T06:00:00Z"))).toEqual([
      { slug: "soon", why: "scheduled", goesLive: new Date("2026-11-25T07:00:00Z") },
      { slug: "draft", why: "draft" },
      { slug: "gone", why: "unknown" },
    ]);
    expect(notLiveBy(all, ["live", "soon"], new Date("2026-11-25T07:00:00Z"))).toEqual([]);
  });
});

describe("the publish timer", () => {
  afterEach(() => vi.useRealTimers());

  it("wakes at each article's time and regenerates its pages once", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-25T06:59:00Z") });
    const refreshed: string[][] = [];
    const timer = startPublishTimer({
      articles: all,
      categoryOf,
      since: new Date("2026-11-25T06:00:00Z"),
      now: () => new Date(),
      refresh: async (paths) => void refreshed.push(paths),
      log: () => {},
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(refreshed).toEqual([]);
    expect(timer.next()?.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-11-25T07:00:00Z"));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(refreshed).toEqual([]);
    // It wakes a quarter of a second after the moment, so "now" has certainly passed it.
    await vi.advanceTimersByTimeAsync(1_250);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toContain("/articles/soon");
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(refreshed).toHaveLength(1);
    timer.stop();
  });

  it("catches up on articles that went live while the server was down, and retries a refresh that failed", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-25T08:00:00Z") });
    let calls = 0;
    const timer = startPublishTimer({
      articles: all,
      categoryOf,
      since: new Date("2026-11-25T06:00:00Z"),
      now: () => new Date(),
      refresh: async () => {
        calls++;
        if (calls === 1) throw new Error("connection refused");
      },
      log: () => {},
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(2);
    timer.stop();
  });
});
