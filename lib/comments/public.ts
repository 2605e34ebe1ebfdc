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
};

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

export async function approvedCommentThreads(db: Db, articleSlug: string): Promise<{ threads: ThreadNode<PublicComment>[]; count: number }> {
  const rows = await db.comment.findMany({
    where: { articleSlug, status: "approved" },
    select: { id: true, parentId: true, authorName: true, authorUrl: true, body: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const comments: PublicComment[] = rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    authorName: r.authorName,
    authorUrl: r.authorUrl,
    html: renderCommentHtml(r.body),
    createdAt: r.createdAt,
    initials: initialsOf(r.authorName),
  }));
  return { threads: buildThreads(comments), count: comments.length };
}

export async function approvedCommentCount(db: Db, articleSlug: string): Promise<number> {
  return db.comment.count({ where: { articleSlug, status: "approved" } });
}
