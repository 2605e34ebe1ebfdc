import { absoluteUrl, site } from "../site";
import type { ResolvedArticle } from "./queries";

/** schema.org Article for one article; dates are ISO, people are Person nodes. */
export function articleJsonLd(a: ResolvedArticle) {
  const person = (p: { name: string; credentials?: string; url: string; role: string }) => ({
    "@type": "Person",
    name: p.name,
    ...(p.credentials ? { honorificSuffix: p.credentials } : {}),
    jobTitle: p.role,
    url: absoluteUrl(p.url),
  });
  return {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: a.title,
    ...(a.subtitle ? { alternativeHeadline: a.subtitle } : {}),
    description: a.description,
    image: [absoluteUrl(a.hero.src)],
    datePublished: a.published,
    dateModified: a.updated ?? a.published,
    author: [person(a.authorDoc)],
    ...(a.reviewerDoc ? { reviewedBy: person(a.reviewerDoc) } : {}),
    publisher: { "@type": "Organization", name: site.publisher, url: absoluteUrl("/") },
    mainEntityOfPage: { "@type": "WebPage", "@id": absoluteUrl(a.url) },
    articleSection: a.categoryDoc.title,
    keywords: a.tags.join(", "),
    wordCount: a.wordCount,
  };
}

export function breadcrumbJsonLd(items: { name: string; path: string }[]) {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: item.name,
      item: absoluteUrl(item.path),
    })),
  };
}
