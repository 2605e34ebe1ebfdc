import { tagSlug } from "./queries";
import type { Article, Category } from "./types";

/**
 * The publish timer (decision 0018): scheduled articles are in the build,
 * answered as "not found" and left out of every list until their time. The
 * running server wakes at each article's time and regenerates the pages that
 * change when it goes live; those pages are also never cached for more than
 * 60 s, so even a missed wake-up shows the article within a minute.
 */

const time = (a: Pick<Article, "published">) => Date.parse(a.published);

/** The next moment an article goes live after `now`, if any is scheduled. */
export function nextGoLive(articles: readonly Article[], now: Date): Date | undefined {
  let next = Infinity;
  for (const a of articles) if (!a.draft && time(a) > now.getTime() && time(a) < next) next = time(a);
  return Number.isFinite(next) ? new Date(next) : undefined;
}

/** Articles that went live in (from, to]. */
export function wentLiveBetween(articles: readonly Article[], from: Date, to: Date): Article[] {
  return articles.filter((a) => !a.draft && time(a) > from.getTime() && time(a) <= to.getTime());
}

/**
 * Every page that shows an article once it is live: its own page, the home
 * page, its category and that category's parents, its tags, its author and
 * reviewer, the feed, the sitemap, and the pages of articles that may now
 * list it as related (those sharing a tag or the category).
 */
export function pagesShowing(
  live: readonly Article[],
  all: readonly Article[],
  categoryOf: (slug: string) => Pick<Category, "url" | "parent"> | undefined,
): string[] {
  const paths = new Set<string>(["/", "/feed.xml", "/sitemap.xml"]);
  for (const a of live) {
    paths.add(a.url);
    for (let c = categoryOf(a.category), seen = 0; c && seen < 10; c = c.parent ? categoryOf(c.parent) : undefined, seen++) paths.add(c.url);
    for (const t of a.tags) paths.add(`/tags/${tagSlug(t)}`);
    paths.add(`/authors/${a.author}`);
    if (a.reviewer) paths.add(`/authors/${a.reviewer}`);
    const tags = new Set(a.tags.map(tagSlug));
    for (const other of all)
      if (!other.draft && other.slug !== a.slug && (other.category === a.category || other.tags.some((t) => tags.has(tagSlug(t)))))
        paths.add(other.url);
  }
  return [...paths];
}

/**
 * It wakes at least once a minute (a comparison, nothing more): a clock that
 * was corrected, or a machine that slept, is noticed within a minute, and the
 * article's own page (cached until regenerated) is never late by more.
 */
const MAX_WAIT_MS = 60 * 1000;
/** A refresh that failed (the server not listening yet) is tried again after this long. */
const RETRY_MS = 5_000;

export type PublishTimerDeps = {
  articles: readonly Article[];
  categoryOf: (slug: string) => Pick<Category, "url" | "parent"> | undefined;
  /** Articles public before this moment are already in the pages being served (the build's time). */
  since: Date;
  now: () => Date;
  /** Regenerates these paths (through the running server, so the shared cache hears of it). */
  refresh: (paths: string[]) => Promise<void>;
  log: (line: string) => void;
};

export type PublishTimer = { stop: () => void; /** When it will next wake, for logs and tests. */ next: () => Date | undefined };

export function startPublishTimer(deps: PublishTimerDeps): PublishTimer {
  let covered = deps.since;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wakeAt: Date | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    wakeAt = new Date(deps.now().getTime() + ms);
    timer = setTimeout(() => void tick(), ms);
    // The timer alone never keeps a process alive (tests, a server shutting down).
    timer.unref?.();
  };

  const tick = async () => {
    try {
      await check();
    } catch (e) {
      // A bug here must not stop publishing: say so and look again in a minute.
      deps.log(`publish timer: ${(e as Error).message}; looking again in a minute`);
      schedule(MAX_WAIT_MS);
    }
  };

  const check = async () => {
    const now = deps.now();
    const live = wentLiveBetween(deps.articles, covered, now);
    if (live.length > 0) {
      const paths = pagesShowing(live, deps.articles, deps.categoryOf);
      try {
        await deps.refresh(paths);
        deps.log(`publish timer: ${live.map((a) => a.slug).join(", ")} went live; regenerated ${paths.length} pages`);
      } catch (e) {
        deps.log(`publish timer: could not regenerate pages for ${live.map((a) => a.slug).join(", ")} (${(e as Error).message}); trying again`);
        return schedule(RETRY_MS);
      }
    }
    covered = now;
    const next = nextGoLive(deps.articles, now);
    if (!next) {
      wakeAt = undefined;
      return;
    }
    // A little after the moment, so "now" has certainly passed it when the pages are rendered.
    schedule(Math.min(MAX_WAIT_MS, Math.max(0, next.getTime() - now.getTime()) + 250));
  };

  schedule(0);
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    next: () => wakeAt,
  };
}

export type NotLive = { slug: string; why: "draft" | "scheduled" | "unknown"; goesLive?: Date };

/**
 * The featured articles an issue sent at `at` would link to before they are
 * live: a newsletter that features a scheduled article may be sent only
 * from that article's time (decision 0018).
 */
export function notLiveBy(articles: readonly Article[], featured: readonly string[], at: Date): NotLive[] {
  const out: NotLive[] = [];
  for (const slug of featured) {
    const a = articles.find((x) => x.slug === slug);
    if (!a) out.push({ slug, why: "unknown" });
    else if (a.draft) out.push({ slug, why: "draft" });
    else if (time(a) > at.getTime()) out.push({ slug, why: "scheduled", goesLive: new Date(time(a)) });
  }
  return out;
}
