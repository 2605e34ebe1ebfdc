import type { Metadata } from "next";
import { SearchForm } from "@/components/search/search-form";
import { SearchResults } from "@/components/search/search-results";
import { content } from "@/lib/content";
import { searchSite } from "@/wiring/search";

// Rendered per request (the query is in the URL), from the index in memory;
// never indexed by search engines, never cached.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Search", robots: { index: false, follow: true } };

type Props = { searchParams: Promise<{ q?: string | string[]; category?: string | string[] }> };

export default async function Search({ searchParams }: Props) {
  const params = await searchParams;
  const q = [params.q].flat()[0] ?? "";
  const category = [params.category].flat()[0] || undefined;
  const answer = searchSite(q, category);
  const categories = content.categories().map((c) => ({ slug: c.slug, title: c.title }));
  return (
    <section className="narrow" aria-labelledby="search-heading">
      <h1 id="search-heading">Search</h1>
      <SearchForm query={answer.query} categories={categories} category={category} />
      <SearchResults answer={answer} categoryTitle={(slug) => content.categoryBySlug(slug)?.title ?? slug} />
    </section>
  );
}
