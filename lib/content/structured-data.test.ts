import type { Article, MedicalWebPage, Person, WithContext } from "schema-dts";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createContentQueries } from "./queries";
import { hasSponsored, productIdsInBody, productLinkRel } from "./sponsorship";
import { articleJsonLd, breadcrumbJsonLd } from "./structured-data";
import { article, author, product, validContent } from "./test-fixtures";

const NOW = new Date("2027-01-01T00:00:00Z");
const resolved = (over: Parameters<typeof article>[1] = {}) => {
  const set = validContent();
  set.authors = [author("ann", { name: "Ann Lee", credentials: "PT, DPT", role: "Physical therapist" }), author("bob", { name: "Bob Ray", credentials: "MD" })];
  set.articles = [article("x", { updated: "2026-02-01T00:00:00.000Z", reviewer: "bob", reviewedOn: "2026-01-20T00:00:00.000Z", ...over })];
  return createContentQueries(set, () => ({ now: NOW, includeUnpublished: false })).articleBySlug("x")!;
};

describe("article JSON-LD", () => {
  it("is typed as schema.org's Article (schema-dts): a property schema.org does not define fails type-checking", () => {
    expectTypeOf(articleJsonLd).returns.toEqualTypeOf<WithContext<Article>>();
  });

  it("has every property Google documents for article rich results", () => {
    const ld = articleJsonLd(resolved(), NOW) as unknown as Record<string, unknown>;
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Article",
      headline: "Title of x",
      datePublished: "2026-01-01T00:00:00.000Z",
      dateModified: "2026-02-01T00:00:00.000Z",
      publisher: { "@type": "Organization", name: expect.any(String), url: expect.stringMatching(/^https?:\/\//) },
    });
    expect(ld.image).toEqual([expect.stringMatching(/^https?:\/\/.+\/x\.svg$/)]);
    expect((ld.headline as string).length).toBeLessThanOrEqual(110);
    const [a] = ld.author as Person[];
    expect(a).toMatchObject({ "@type": "Person", name: "Ann Lee", url: expect.stringMatching(/\/authors\/ann$/) });
  });

  it("names author and reviewer as Persons with their credentials", () => {
    const ld = articleJsonLd(resolved(), NOW);
    const [a] = ld.author as Person[];
    expect(a).toMatchObject({
      honorificSuffix: "PT, DPT",
      jobTitle: "Physical therapist",
      hasCredential: [
        { "@type": "EducationalOccupationalCredential", name: "PT" },
        { "@type": "EducationalOccupationalCredential", name: "DPT" },
      ],
    });
    const page = ld.mainEntityOfPage as MedicalWebPage & Record<string, unknown>;
    expect(page).toMatchObject({
      "@type": "MedicalWebPage",
      "@id": expect.stringMatching(/\/articles\/x$/),
      lastReviewed: "2026-01-20T00:00:00.000Z",
      reviewedBy: { "@type": "Person", name: "Bob Ray", honorificSuffix: "MD" },
    });
  });

  it("never states a review date in the future, and no review without a reviewer", () => {
    const future = articleJsonLd(resolved({ reviewedOn: "2027-06-01T00:00:00.000Z" }), NOW).mainEntityOfPage as Record<string, unknown>;
    expect(future.lastReviewed).toBeUndefined();
    expect(future.reviewedBy).toBeDefined();
    const none = articleJsonLd(resolved({ reviewer: undefined, reviewedOn: undefined }), NOW).mainEntityOfPage as Record<string, unknown>;
    expect(none.reviewedBy).toBeUndefined();
    expect(none.lastReviewed).toBeUndefined();
  });

  it("lists the article's references as citations, papers as ScholarlyArticle with their DOI", () => {
    const ld = articleJsonLd(
      resolved({
        references: [
          { id: "a", title: "A trial", authors: ["Lee A"], year: 2020, publisher: "J Back", doi: "10.1000/abc" },
          { id: "b", title: "A guideline", url: "https://example.org/g" },
        ] as never,
      }),
      NOW,
    );
    expect(ld.citation).toEqual([
      {
        "@type": "ScholarlyArticle",
        name: "A trial",
        author: [{ "@type": "Person", name: "Lee A" }],
        datePublished: "2020",
        publisher: { "@type": "Organization", name: "J Back" },
        url: "https://doi.org/10.1000/abc",
        identifier: { "@type": "PropertyValue", propertyID: "DOI", value: "10.1000/abc" },
      },
      { "@type": "CreativeWork", name: "A guideline", url: "https://example.org/g" },
    ]);
  });

  it("numbers breadcrumb items from 1 with absolute URLs", () => {
    const ld = breadcrumbJsonLd([
      { name: "Home", path: "/" },
      { name: "Cat", path: "/categories/c" },
    ]);
    expect(ld.itemListElement.map((i) => [i.position, i.item])).toEqual([
      [1, expect.stringMatching(/^https?:\/\/.+\/$/)],
      [2, expect.stringMatching(/\/categories\/c$/)],
    ]);
  });
});

describe("sponsored links", () => {
  it("marks sponsored links and keeps noopener on all", () => {
    expect(productLinkRel({ sponsored: true })).toBe("sponsored nofollow noopener");
    expect(productLinkRel({ sponsored: false })).toBe("nofollow noopener");
  });

  it("finds products embedded in MDX from the syntax tree: not in code, whatever the attribute holds", () => {
    const body = 'a <ProductCard id="one" /> b <ProductCard  id=\'two\'/>\n\n```\n<ProductCard id="in-code" />\n```\n\n<Callout title="a > b"><ProductCard id="three" /></Callout>';
    expect(productIdsInBody(body)).toEqual(["one", "two", "three"]);
    expect(hasSponsored([product("a"), product("b", { sponsored: true })])).toBe(true);
    expect(hasSponsored([product("a"), undefined])).toBe(false);
  });
});
