import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/article-card";
import { content } from "@/lib/content";

type Props = { params: Promise<{ slug: string }> };
export const dynamicParams = false;
// A list of articles: never cached longer than a minute, so a scheduled article is on it within 60 s of its time
// even behind a CDN (the publish timer regenerates it at that moment; decision 0018).
export const revalidate = 60;

export function generateStaticParams() {
  return content.categories().map((c) => ({ slug: c.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const category = content.categoryBySlug((await params).slug);
  if (!category) return {};
  return { title: category.title, description: category.description, alternates: { canonical: category.url } };
}

export default async function CategoryPage({ params }: Props) {
  const category = content.categoryBySlug((await params).slug);
  if (!category) notFound();
  return (
    <>
      <h1>{category.title}</h1>
      <p className="lede">{category.description}</p>
      <ArticleList articles={content.articlesByCategory(category.slug)} headingLevel={2} />
    </>
  );
}
