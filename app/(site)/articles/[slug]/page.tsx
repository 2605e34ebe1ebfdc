import type { Metadata } from "next";
import { ArticlePage, articleMetadata } from "@/app/(site)/articles/article-page";
import { content } from "@/lib/content";
import { env } from "@/lib/env";

type Props = { params: Promise<{ slug: string }> };

// Older articles than those rendered at build time are rendered on their
// first request and kept by the page cache (decision 0051). An address that
// is no article answers 404 and is not kept (lib/http/ascii-page-cache.mjs).
export const dynamicParams = true;

// Every article is served by this one route (decision 0032); `next build`
// renders the newest PRERENDER_ARTICLES of them ahead, and every draft and
// scheduled one as "not found" (the publish timer regenerates a scheduled
// article's page when its time comes, decision 0018; a signed preview reaches
// a draft in draft mode, decision 0019).
export function generateStaticParams() {
  return content.articleSlugsToPrerender(env().PRERENDER_ARTICLES).map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return articleMetadata((await params).slug);
}

export default async function ArticleBySlug({ params }: Props) {
  return <ArticlePage slug={(await params).slug} />;
}
