import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/article-card";
import { content } from "@/lib/content";

type Props = { params: Promise<{ tag: string }> };
export const dynamicParams = false;

export function generateStaticParams() {
  return content.allTags().map((t) => ({ tag: t.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag: wanted } = await params;
  const tag = content.allTags().find((t) => t.slug === wanted);
  if (!tag) return {};
  return { title: `Articles tagged “${tag.label}”`, description: `Every article about ${tag.label}.`, alternates: { canonical: `/tags/${tag.slug}` } };
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
