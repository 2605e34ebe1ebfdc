import type { Metadata } from "next";
import { ArticlePage, articleMetadata } from "@/components/pages/article-page";
import { content } from "@/lib/content";
import { hasArticleRoute } from "@/lib/content/article-routes";

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

// Articles with a generated static route are served by it (lib/content/article-routes.ts).
export function generateStaticParams() {
  return content
    .publishedArticles()
    .filter((a) => !hasArticleRoute(a.slug))
    .map((a) => ({ slug: a.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return articleMetadata((await params).slug);
}

export default async function ArticleBySlug({ params }: Props) {
  return <ArticlePage slug={(await params).slug} />;
}
