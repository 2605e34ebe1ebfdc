import type { Db } from "../db";
import { renderCommentHtml } from "./text";
import { buildThreads, type ThreadNode } from "./threading";

/**
 * A comment as the public sees it. Built field by field from the row so an
 * email address (or anything derived from it) can never reach a page.
 */
export type PublicComment = {
  id: string;
  parentId: string | null;
  authorName: string;
  authorUrl: string | null;
  html: string;
  createdAt: Date;
  initials: string;
  /** A reply written as the publication: the badge ("Editor", "Medical reviewer") and the writer's credentials. */
  staff: { badge: string; credentials: string | null } | null;
};

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

/**
 * How many comments an article page carries at most: the newest ones. A
 * page that grew without bound would be slow to build, to send and to read
 * on a phone; the count in the heading stays the true total.
 */
export const COMMENTS_ON_PAGE = 300;

export async function approvedCommentThreads(
  db: Db,
  articleSlug: string,
  limit = COMMENTS_ON_PAGE,
): Promise<{ threads: ThreadNode<PublicComment>[]; count: number; shown: number }> {
  const [rows, count] = await Promise.all([
    db.comment.findMany({
      where: { articleSlug, status: "approved" },
      select: {
        id: true,
        parentId: true,
        authorName: true,
        authorUrl: true,
        body: true,
        createdAt: true,
        staffBadge: true,
        staffCredentials: true,
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    db.comment.count({ where: { articleSlug, status: "approved" } }),
  ]);
  const comments: PublicComment[] = rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    authorName: r.authorName,
    authorUrl: r.authorUrl,
    html: renderCommentHtml(r.body),
    createdAt: r.createdAt,
    initials: initialsOf(r.authorName),
    staff: r.staffBadge ? { badge: r.staffBadge, credentials: r.staffCredentials } : null,
  }));
  return { threads: buildThreads(comments), count, shown: comments.length };
}
