import { describe, expect, it } from "vitest";
import { createContentQueries } from "./queries";
import { hasSponsored, productIdsInBody, productLinkRel } from "./sponsorship";
import { articleJsonLd, breadcrumbJsonLd } from "./structured-data";
import { article, author, product, validContent } from "./test-fixtures";

describe("JSON-LD", () => {
  it("describes an article with its author Person, dates and publisher", () => {
    const set = validContent();
    set.authors = [author("ann", { name: "Ann Lee", credentials: "DPT" }), author("bob")];
    set.articles = [article("x", { updated: "2026-02-01T00:00:00.000Z", reviewer: "bob" })];
    const a = createContentQueries(set, () => ({ now: new Date("2027-01-01"), includeUnpublished: false })).articleBySlug("x")!;
    const ld = articleJsonLd(a);
    expect(ld).toMatchObject({
      "@type": "Article",
      headline: "Title of x",
      datePublished: "2026-01-01T00:00:00.000Z",
      dateModified: "2026-02-01T00:00:00.000Z",
      author: [{ "@type": "Person", name: "Ann Lee", honorificSuffix: "DPT" }],
      reviewedBy: { "@type": "Person" },
      publisher: { "@type": "Organization" },
    });
    expect(ld.mainEntityOfPage["@id"]).toMatch(/\/articles\/x$/);
  });

  it("numbers breadcrumb items from 1 with absolute URLs", () => {
    const ld = breadcrumbJsonLd([{ name: "Home", path: "/" }, { name: "Cat", path: "/categories/c" }]);
    expect(ld.itemListElement.map((i) => [i.position, i.item])).toEqual([
      [1, expect.stringMatching(/^https?:\/\/.+\/$/)],
      [2, expect.stringMatching(/\/categories\/c$/)],
    ]);
  });
});

describe("sponsored links", () => {
  it("marks sponsored links and keeps noopener on all", () => {
    expect(productLinkRel({ sponsored: true })).toBe("sponsored noopener");
    expect(productLinkRel({ sponsored: false })).toBe("noopener");
  });

  it("finds products embedded in MDX and whether any is sponsored", () => {
    expect(productIdsInBody('a <ProductCard id="one" /> b <ProductCard  id=\'two\'/>')).toEqual(["one", "two"]);
    expect(hasSponsored([product("a"), product("b", { sponsored: true })])).toBe(true);
    expect(hasSponsored([product("a"), undefined])).toBe(false);
  });
});
