import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/article-card";
import { content } from "@/lib/content";

type Props = { params: Promise<{ tag: string }> };
export const dynamicParams = false;
// A list of articles: never cached longer than a minute, so a scheduled article is on it within 60 s of its time
// even behind a CDN (the publish timer regenerates it at that moment; decision 0018).
export const revalidate = 60;

// Tags of scheduled articles too: their page must exist (answering 404 until then) when the first one goes live.
export function generateStaticParams() {
  return content.tagSlugsToBuild().map((tag) => ({ tag }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag: wanted } = await params;
  const tag = content.allTags().find((t) => t.slug === wanted);
  if (!tag) return {};
  return {
    title: `Articles tagged “${tag.label}”`,
    description: `Every article about ${tag.label}.`,
    alternates: { canonical: `/tags/${tag.slug}` },
  };
}

export default async function TagPage({ params }: Props) {
  const { tag: wanted } = await params;
  const tag = content.allTags().find((t) => t.slug === wanted);
  if (!tag) notFound();
  return (
    <>
      <h1>Articles tagged “{tag.label}”</h1>
      <ArticleList articles={content.articlesByTag(tag.slug)} headingLevel={2} />
    </>
  );
}
