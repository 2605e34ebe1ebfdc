// The medical review cycle: an article is reviewed every `reviewEvery` months
// (default from content/check.yaml, 12), counted from its last review, or
// from publication when it has never been reviewed.
import { isPublic } from "./publication";
import type { Article, ContentSet } from "./types";

export type ReviewDue = { dueOn: string; overdue: boolean; everyMonths: number; daysLeft: number };

const DAY = 24 * 60 * 60 * 1000;

export function addMonths(iso: string, months: number): Date {
  const d = new Date(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target;
}

export function reviewDue(
  article: Pick<Article, "published" | "reviewedOn"> & { reviewEvery?: number },
  now: Date,
  defaultMonths = 12,
): ReviewDue {
  const every = article.reviewEvery;
  // An invalid reviewEvery is reported by the check; until it is fixed the default applies.
  const everyMonths = every !== undefined && Number.isInteger(every) && every >= 1 && every <= 60 ? every : defaultMonths;
  const due = addMonths(article.reviewedOn ?? article.published, everyMonths);
  return { dueOn: due.toISOString(), overdue: due.getTime() <= now.getTime(), everyMonths, daysLeft: Math.ceil((due.getTime() - now.getTime()) / DAY) };
}

/** The review date a page may show: never one in the future (a typo must not be published as a promise). */
export function shownReviewDate(reviewedOn: string | undefined, now: Date): string | undefined {
  return reviewedOn && new Date(reviewedOn).getTime() <= now.getTime() ? reviewedOn : undefined;
}

export type ReviewRow = {
  file: string;
  slug: string;
  title: string;
  reviewer?: string;
  reviewerName?: string;
  reviewedOn?: string;
  dueOn: string;
  overdue: boolean;
};

/** Published articles whose review is overdue or due within `withinDays`, the most overdue first. */
export function reviewsDue(content: ContentSet, now: Date, defaultMonths: number, withinDays = 0): ReviewRow[] {
  const names = new Map(content.authors.map((a) => [a.slug, a.name]));
  return content.articles
    .filter((a) => isPublic(a, now))
    .map((a) => ({ a, due: reviewDue(a, now, defaultMonths) }))
    .filter(({ due }) => due.overdue || due.daysLeft <= withinDays)
    .sort((x, y) => x.due.dueOn.localeCompare(y.due.dueOn) || x.a.slug.localeCompare(y.a.slug))
    .map(({ a, due }) => ({
      file: `content/${a._raw.sourceFilePath}`,
      slug: a.slug,
      title: a.title,
      reviewer: a.reviewer,
      reviewerName: a.reviewer ? names.get(a.reviewer) : undefined,
      reviewedOn: a.reviewedOn,
      dueOn: due.dueOn,
      overdue: due.overdue,
    }));
}

/** What the article page says about its medical review (components/reviewed-by.tsx). */
export type ReviewInfo = {
  reviewer: { name: string; credentials?: string; role: string; url: string };
  /** Only a date that has passed: the page never shows a review date in the future. */
  reviewedOn?: string;
  dueOn?: string;
  /** The editorial policy page, when the site has one. */
  policyPath?: string;
};

export function articleReview(
  article: Pick<Article, "published" | "reviewedOn"> & { reviewEvery?: number; reviewerDoc?: ReviewInfo["reviewer"] },
  now: Date,
  defaultMonths = 12,
  policyPath?: string,
): ReviewInfo | undefined {
  if (!article.reviewerDoc) return undefined;
  const reviewedOn = shownReviewDate(article.reviewedOn, now);
  const r = article.reviewerDoc;
  return {
    reviewer: { name: r.name, credentials: r.credentials, role: r.role, url: r.url },
    ...(reviewedOn ? { reviewedOn, dueOn: reviewDue({ ...article, reviewedOn }, now, defaultMonths).dueOn } : {}),
    ...(policyPath ? { policyPath } : {}),
  };
}
