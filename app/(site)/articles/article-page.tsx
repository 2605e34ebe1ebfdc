// The article page, served by app/(site)/articles/[slug] for every published
// article (prerendered at build time; docs/decisions/0032). Loads what the
// page shows (content, approved comments) and hands it to the components.
import { SignupSection } from "@/components/newsletter/signup-section";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AffiliateDisclosure } from "@/components/affiliate-disclosure";
import { ArticleList } from "@/components/article-card";
import { CommentSection } from "@/components/comments/comment-section";
import { ArticleAside } from "@/components/article-aside";
import { ContentImage } from "@/components/content-image";
import { AuthorBio } from "@/components/author-bio";
import { Byline } from "@/components/byline";
import { JsonLd } from "@/components/json-ld";
import { MdxContent } from "@/components/mdx-content";
import { Recommendations } from "@/components/recommendations";
import { References } from "@/components/references";
import { ReviewedBy } from "@/components/reviewed-by";
import { TableOfContents } from "@/components/table-of-contents";
import { PreviewBanner } from "@/components/preview-banner";
import { isPreviewOf } from "@/app/(site)/preview";
import { captchaWidget } from "@/lib/captcha/widget";
import { isPublic } from "@/lib/content/publication";
import { approvedCommentThreads } from "@/lib/comments/public";
import { content, tagSlug } from "@/lib/content";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hasSponsored, productIdsInBody } from "@/lib/content/sponsorship";
import { articleReferences } from "@/lib/content/references";
import { articleReview } from "@/lib/content/review";
import { readSettings } from "@/lib/content/settings";
import { articleJsonLd, breadcrumbJsonLd } from "@/lib/content/structured-data";
import type { TocEntry } from "@/lib/content/toc";

/** The static page (content/pages) the medical review note links to, when the site has it. */
const EDITORIAL_POLICY_PATH = "/editorial-policy";

/** The article this request may show: a public one, or any one on a signed preview of it (decision 0019). */
async function shownArticle(slug: string) {
  const preview = await isPreviewOf("article", slug);
  const article = preview ? content.anyArticleBySlug(slug) : content.articleBySlug(slug);
  const unpublished = article !== undefined && !isPublic(article, new Date());
  return { article, preview: preview && unpublished };
}

export async function articleMetadata(slug: string): Promise<Metadata> {
  const { article, preview } = await shownArticle(slug);
  if (!article) return {};
  return {
    // A preview is for the newsroom: search engines must not keep it.
    ...(preview ? { robots: { index: false, follow: false } } : {}),
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
  const { article, preview } = await shownArticle(slug);
  if (!article) notFound();
  const recommendations = content.recommendationSet(article.recommendations);
  const sponsored = hasSponsored([
    ...(recommendations?.productDocs ?? []),
    ...productIdsInBody(article.body.raw).map((id) => content.productBySlug(id)),
  ]);
  const related = content.relatedArticles(article, 3);
  const discussion = await approvedCommentThreads(db(), article.slug);
  const comments = discussion.count;
  const now = new Date();
  const review = articleReview(
    article,
    now,
    readSettings().settings.review.everyMonths,
    content.pageByPath(EDITORIAL_POLICY_PATH) ? EDITORIAL_POLICY_PATH : undefined,
  );
  return (
    <>
      <JsonLd data={articleJsonLd(article, now)} />
      <JsonLd
        data={breadcrumbJsonLd([
          { name: "Home", path: "/" },
          ...article.categoryTrail.map((c) => ({ name: c.title, path: c.url })),
          { name: article.title, path: article.url },
        ])}
      />
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link href="/">Home</Link>
          </li>
          {article.categoryTrail.map((c) => (
            <li key={c.slug}>
              <Link href={c.url}>{c.title}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <div className="article-layout">
        <article className="article">
          {preview ? <PreviewBanner state={article.draft ? "draft" : "scheduled"} goesLive={article.published} /> : null}
          <header className="article-header">
            <h1>{article.title}</h1>
            {article.subtitle ? <p className="subtitle">{article.subtitle}</p> : null}
            <Byline article={article} />
            <p className="filed-under">
              Filed Under:{" "}
              {article.categoryTrail.map((c, i) => (
                <span key={c.slug}>
                  {i > 0 ? " › " : null}
                  <Link href={c.url}>{c.title}</Link>
                </span>
              ))}
            </p>
            <p className="comment-count">
              <a href="#comments">{comments === 1 ? "1 Comment" : `${comments} Comments`}</a>
            </p>
          </header>
          <ContentImage
            className="hero"
            src={article.hero.src}
            alt={article.hero.alt}
            width={1200}
            height={630}
            sizes="(min-width: 46rem) 44rem, 100vw"
            primary
          />
          {sponsored ? <AffiliateDisclosure /> : null}
          <TableOfContents entries={article.toc as TocEntry[]} />
          <MdxContent code={article.body.code} className="prose" from={article.slug} />
          <References references={articleReferences(article)} />
          {review ? <ReviewedBy review={review} /> : null}
          <p className="medical-note">
            This article is general information, not medical advice. It cannot diagnose or treat you; talk to a qualified clinician about
            your own symptoms.
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
          <Recommendations set={article.recommendations} from={article.slug} />
          <AuthorBio author={article.authorDoc} />
        </article>
        <ArticleAside toc={article.toc as TocEntry[]} products={recommendations?.productDocs ?? []} from={article.slug} />
      </div>
      {related.length > 0 ? (
        <section aria-labelledby="related-heading" className="related">
          <h2 id="related-heading">Related articles</h2>
          <ArticleList articles={related} />
        </section>
      ) : null}
      <SignupSection source={`article:${article.slug}`} />
      <CommentSection
        articleSlug={article.slug}
        threads={discussion.threads}
        count={discussion.count}
        shown={discussion.shown}
        captcha={captchaWidget(env())}
      />
    </>
  );
}
