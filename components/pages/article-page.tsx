// The article page, whichever route serves it: app/(site)/articles/[slug], or
// the static route generated for each published article at build time
// (lib/content/article-routes.ts says why).
import { SignupSection } from "@/components/newsletter/signup-section";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AffiliateDisclosure } from "@/components/affiliate-disclosure";
import { ArticleList } from "@/components/article-card";
import { CommentSection } from "@/components/comments/comment-section";
import { AuthorBio } from "@/components/author-bio";
import { Byline } from "@/components/byline";
import { JsonLd } from "@/components/json-ld";
import { MdxContent } from "@/components/mdx-content";
import { Recommendations } from "@/components/recommendations";
import { TableOfContents } from "@/components/table-of-contents";
import { approvedCommentCount } from "@/lib/comments/public";
import { content, tagSlug } from "@/lib/content";
import { db } from "@/lib/db";
import { hasSponsored, productIdsInBody } from "@/lib/content/sponsorship";
import { articleJsonLd, breadcrumbJsonLd } from "@/lib/content/structured-data";
import type { TocEntry } from "@/lib/content/toc";

export function articleMetadata(slug: string): Metadata {
  const article = content.articleBySlug(slug);
  if (!article) return {};
  return {
    title: article.title,
    description: article.description,
    alternates: { canonical: article.url },
    authors: [{ name: article.authorDoc.name, url: article.authorDoc.url }],
    openGraph: {
      type: "article",
      title: article.title,
      description: article.description,
      url: article.url,
      publishedTime: article.published,
      modifiedTime: article.updated ?? article.published,
      authors: [article.authorDoc.name],
      section: article.categoryDoc.title,
      tags: article.tags,
      images: [{ url: article.hero.src, alt: article.hero.alt }],
    },
    twitter: { card: "summary_large_image", title: article.title, description: article.description, images: [article.hero.src] },
  };
}

export async function ArticlePage({ slug }: { slug: string }) {
  const article = content.articleBySlug(slug);
  if (!article) notFound();
  const recommendations = content.recommendationSet(article.recommendations);
  const sponsored = hasSponsored([
    ...(recommendations?.productDocs ?? []),
    ...productIdsInBody(article.body.raw).map((id) => content.productBySlug(id)),
  ]);
  const related = content.relatedArticles(article, 3);
  const comments = await approvedCommentCount(db(), article.slug);
  return (
    <>
      <JsonLd data={articleJsonLd(article)} />
      <JsonLd
        data={breadcrumbJsonLd([
          { name: "Home", path: "/" },
          { name: article.categoryDoc.title, path: article.categoryDoc.url },
          { name: article.title, path: article.url },
        ])}
      />
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link href="/">Home</Link>
          </li>
          <li>
            <Link href={article.categoryDoc.url}>{article.categoryDoc.title}</Link>
          </li>
        </ol>
      </nav>
      <article className="article">
        <header className="article-header">
          <h1>{article.title}</h1>
          {article.subtitle ? <p className="subtitle">{article.subtitle}</p> : null}
          <Byline article={article} />
          <p className="filed-under">
            Filed Under: <Link href={article.categoryDoc.url}>{article.categoryDoc.title}</Link>
          </p>
          <p className="comment-count">
            <a href="#comments">{comments === 1 ? "1 Comment" : `${comments} Comments`}</a>
          </p>
        </header>
        <img
          className="hero"
          src={article.hero.src}
          alt={article.hero.alt}
          width={1200}
          height={630}
          fetchPriority="high"
          decoding="async"
        />
        {sponsored ? <AffiliateDisclosure /> : null}
        <TableOfContents entries={article.toc as TocEntry[]} />
        <MdxContent code={article.body.code} className="prose" />
        <p className="medical-note">
          This article is general information, not medical advice. It cannot diagnose or treat you; talk to a qualified
          clinician about your own symptoms.
        </p>
        {article.tags.length > 0 ? (
          <ul className="pill-list" aria-label="Tags">
            {article.tags.map((t) => (
              <li key={t}>
                <Link href={`/tags/${tagSlug(t)}`}>{t}</Link>
              </li>
            ))}
          </ul>
        ) : null}
        <Recommendations set={article.recommendations} />
        <AuthorBio author={article.authorDoc} />
      </article>
      {related.length > 0 ? (
        <section aria-labelledby="related-heading" className="related">
          <h2 id="related-heading">Related articles</h2>
          <ArticleList articles={related} />
        </section>
      ) : null}
      <SignupSection source={`article:${article.slug}`} />
      <CommentSection articleSlug={article.slug} />
    </>
  );
}
