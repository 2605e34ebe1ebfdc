import { ContentImage } from "@/components/content-image";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/article-card";
import { JsonLd } from "@/components/json-ld";
import { MdxContent } from "@/components/mdx-content";
import { content } from "@/lib/content";
import { absoluteUrl } from "@/lib/site";

type Props = { params: Promise<{ slug: string }> };
export const dynamicParams = false;
// A list of articles: never cached longer than a minute, so a scheduled article is on it within 60 s of its time
// even behind a CDN (the publish timer regenerates it at that moment; decision 0018).
export const revalidate = 60;

export function generateStaticParams() {
  return content.authors().map((a) => ({ slug: a.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const author = content.authorBySlug((await params).slug);
  if (!author) return {};
  const title = author.credentials ? `${author.name}, ${author.credentials}` : author.name;
  return { title, description: `${author.name}: ${author.role}. Articles and background.`, alternates: { canonical: author.url } };
}

export default async function AuthorPage({ params }: Props) {
  const author = content.authorBySlug((await params).slug);
  if (!author) notFound();
  const articles = content.articlesByAuthor(author.slug);
  return (
    <>
      <JsonLd
        data={{
          "@context": "https://schema.org",
          "@type": "ProfilePage",
          mainEntity: {
            "@type": "Person",
            name: author.name,
            honorificSuffix: author.credentials,
            jobTitle: author.role,
            url: absoluteUrl(author.url),
          },
        }}
      />
      <header className="author-header">
        <ContentImage
          src={author.avatar.src}
          alt={author.avatar.alt}
          width={128}
          height={128}
          sizes="128px"
          className="avatar-128"
          primary
        />
        <div>
          <h1>
            {author.name}
            {author.credentials ? <span className="credentials">, {author.credentials}</span> : null}
          </h1>
          <p className="meta">{author.role}</p>
        </div>
      </header>
      <MdxContent code={author.body.code} className="prose" />
      {author.links && author.links.length > 0 ? (
        <ul className="pill-list" aria-label={`${author.name} elsewhere`}>
          {author.links.map((l) => (
            <li key={l.url}>
              <a href={l.url} rel="me noopener">
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <section aria-labelledby="author-articles">
        <h2 id="author-articles">Articles by {author.name}</h2>
        <ArticleList articles={articles} />
      </section>
    </>
  );
}
