// JSON-LD for search engines, typed with schema-dts so a property schema.org
// does not define on a type fails type-checking. An article is a schema.org
// Article (the type Google documents for article rich results: headline,
// image, dates, author with name and url, publisher) whose page is a
// MedicalWebPage carrying the medical review (reviewedBy, lastReviewed — both
// WebPage properties, not Article ones); its sources are `citation`s; author
// and reviewer are Persons with their credentials.
import type { Article, BreadcrumbList, CreativeWork, EducationalOccupationalCredential, MedicalWebPage, Person, WithContext } from "schema-dts";
import { absoluteUrl, site } from "../site";
import type { ResolvedArticle } from "./queries";
import { referenceHref, type Reference } from "./references";
import { shownReviewDate } from "./review";

type People = { name: string; credentials?: string; url: string; role: string };

export function personJsonLd(p: People): Person {
  const credentials = (p.credentials ?? "")
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  return {
    "@type": "Person",
    name: p.name,
    ...(p.credentials ? { honorificSuffix: p.credentials } : {}),
    jobTitle: p.role,
    url: absoluteUrl(p.url),
    ...(credentials.length > 0
      ? {
          hasCredential: credentials.map(
            (name): EducationalOccupationalCredential => ({ "@type": "EducationalOccupationalCredential", name, credentialCategory: "Professional credential" }),
          ),
        }
      : {}),
  };
}

function citationJsonLd(r: Reference): CreativeWork {
  const href = referenceHref(r);
  const work = {
    name: r.title,
    ...(r.authors?.length ? { author: r.authors.map((name): Person => ({ "@type": "Person", name })) } : {}),
    ...(r.year ? { datePublished: String(r.year) } : {}),
    ...(r.publisher ? { publisher: { "@type": "Organization" as const, name: r.publisher } } : {}),
    ...(href ? { url: href } : {}),
  };
  // A DOI or PubMed id means a paper; anything else (a guideline page) is a plain creative work.
  return r.doi || r.pmid
    ? {
        "@type": "ScholarlyArticle",
        ...work,
        ...(r.doi ? { identifier: { "@type": "PropertyValue", propertyID: "DOI", value: r.doi } } : {}),
        ...(r.pmid ? { sameAs: `https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/` } : {}),
      }
    : { "@type": "CreativeWork", ...work };
}

/** schema.org Article for one article, its page a MedicalWebPage with the review; dates are ISO. */
export function articleJsonLd(a: ResolvedArticle, now = new Date()): WithContext<Article> {
  const url = absoluteUrl(a.url);
  const lastReviewed = a.reviewerDoc ? shownReviewDate(a.reviewedOn, now) : undefined;
  const page: MedicalWebPage = {
    "@type": "MedicalWebPage",
    "@id": url,
    url,
    name: a.title,
    ...(a.reviewerDoc ? { reviewedBy: personJsonLd(a.reviewerDoc) } : {}),
    ...(lastReviewed ? { lastReviewed } : {}),
    audience: { "@type": "PeopleAudience", audienceType: "patients and the public" },
  };
  const references = (a.references ?? []) as Reference[];
  return {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: a.title,
    ...(a.subtitle ? { alternativeHeadline: a.subtitle } : {}),
    description: a.description,
    image: [absoluteUrl(a.hero.src)],
    datePublished: a.published,
    dateModified: a.updated ?? a.published,
    author: [personJsonLd(a.authorDoc)],
    publisher: { "@type": "Organization", name: site.publisher, url: absoluteUrl("/") },
    mainEntityOfPage: page,
    about: { "@type": "Thing", name: a.categoryDoc.title },
    articleSection: a.categoryDoc.title,
    keywords: a.tags.join(", "),
    wordCount: a.wordCount,
    ...(references.length > 0 ? { citation: references.map(citationJsonLd) } : {}),
  };
}

export function breadcrumbJsonLd(items: { name: string; path: string }[]): WithContext<BreadcrumbList> & { itemListElement: { position: number; item: string }[] } {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, i) => ({
      "@type": "ListItem" as const,
      position: i + 1,
      name: item.name,
      item: absoluteUrl(item.path),
    })),
  };
}
