import { SignupSection } from "@/components/newsletter/signup-section";
import Link from "next/link";
import { ArticleCard, ArticleList } from "@/components/article-card";
import { content } from "@/lib/content";
import { site } from "@/lib/site";

export const metadata = { alternates: { canonical: "/" } };
// A list of articles: never cached longer than a minute, so a scheduled article is on it within 60 s of its time
// even behind a CDN (the publish timer regenerates it at that moment; decision 0018).
export const revalidate = 60;

export default function Home() {
  const featured = content.featuredArticles(3);
  const featuredSlugs = new Set(featured.map((a) => a.slug));
  const latest = content.latestArticles(12).filter((a) => !featuredSlugs.has(a.slug));
  return (
    <>
      <section className="intro">
        <h1>{site.name}</h1>
        <p className="lede">{site.tagline}.</p>
      </section>
      {featured.length > 0 ? (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading">Featured</h2>
          <ul className="article-list featured">
            {featured.map((a) => (
              <li key={a.slug}>
                <ArticleCard article={a} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest articles</h2>
        <ArticleList articles={latest} />
      </section>
      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">Browse by topic</h2>
        <ul className="pill-list">
          {content.categories().map((c) => (
            <li key={c.slug}>
              <Link href={c.url}>{c.title}</Link>
            </li>
          ))}
        </ul>
      </section>
      <SignupSection source="home" />
    </>
  );
}
