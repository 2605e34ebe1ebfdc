import type { Metadata } from "next";
import { ArticlePage, articleMetadata } from "@/app/(site)/articles/article-page";
import { content } from "@/lib/content";

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

// Every published article is prerendered from this one route. Decision 0011
// once generated a static route per article (no route pattern to match per
// request); that made the build grow with the archive (1,000 articles: 197 s,
// 4.8 GB) and was replaced in decision 0032.
//
// Drafts and scheduled articles are prerendered too, as "not found": a
// scheduled article's page then exists when its time comes (the publish
// timer regenerates it, decision 0018), and a signed preview can reach a
// draft in draft mode (decision 0019). dynamicParams stays false.
export function generateStaticParams() {
  return content.allArticleSlugs().map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return articleMetadata((await params).slug);
}

export default async function ArticleBySlug({ params }: Props) {
  return <ArticlePage slug={(await params).slug} />;
}
