import { describe, expect, it } from "vitest";
import { checkContentIntegrity, formatContentErrors, MAX_SUBJECT_LENGTH } from "./integrity";
import { article, author, newsletter, product, recommendationSet, validContent } from "./test-fixtures";
import type { ContentSet } from "./types";

const errorsOf = (mutate: (c: ContentSet) => void) => {
  const c = validContent();
  mutate(c);
  return checkContentIntegrity(c);
};
const body = (raw: string) => ({ raw, code: "" });

describe("content integrity (one fixture per editor mistake)", () => {
  it("accepts the valid fixture", () => {
    expect(checkContentIntegrity(validContent())).toEqual([]);
  });

  it("unknown author", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { author: "nobody" })))).toEqual([
      { file: "content/articles/one.mdx", field: "author", message: 'unknown author "nobody" (known: ann, bob)' },
    ]);
  });

  it("unknown reviewer", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { reviewer: "ghost" })))[0]).toMatchObject({ field: "reviewer", message: expect.stringContaining('"ghost"') });
  });

  it("unknown category", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { category: "feet" })))[0]).toMatchObject({ field: "category", message: expect.stringContaining('unknown category "feet"') });
  });

  it("unknown recommendation set", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { recommendations: "nope" })))[0]).toMatchObject({ field: "recommendations" });
  });

  it("unknown product in a recommendation set", () => {
    expect(errorsOf((c) => (c.recommendationSets[0] = recommendationSet("standard", ["cushion", "ghost"])))).toEqual([
      { file: "content/recommendations/standard.yaml", field: "products", message: 'unknown product "ghost" (known: cushion, roller)' },
    ]);
  });

  it("unknown product in an MDX <ProductCard>", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { body: body('Text\n\n<ProductCard id="ghost" />') })))[0]).toMatchObject({ field: "body", message: expect.stringContaining('<ProductCard id="ghost">') });
  });

  it("unknown set in an MDX <Recommendations>", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { body: body('<Recommendations set="ghost" />') })))[0]).toMatchObject({ field: "body" });
  });

  it("unknown MDX component", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { body: body("<ProdutCard id=\"cushion\" />") })))[0]).toMatchObject({
      field: "body",
      message: expect.stringContaining("unknown MDX component <ProdutCard>"),
    });
  });

  it("ignores component-like text inside code", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { body: body("```\n<Nope />\n```\n\nUse `<Nope />` like so.") })))).toEqual([]);
  });

  it("updated date before published date", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { published: "2026-03-10T00:00:00.000Z", updated: "2026-03-01T00:00:00.000Z" })))).toEqual([
      { file: "content/articles/one.mdx", field: "updated", message: "updated date 2026-03-01 is before the published date 2026-03-10" },
    ]);
  });

  it("image without alt text: hero, avatar, product, markdown image and <Figure>", () => {
    const errors = errorsOf((c) => {
      c.articles[0] = article("one", { hero: { type: "Image", src: "/x.svg", alt: " " } as never, body: body('![](/a.png)\n\n<Figure src="/b.svg" alt="" />') });
      c.authors[0] = author("ann", { avatar: { type: "Image", src: "/a.svg", alt: "" } as never });
      c.products[1] = product("roller", { image: { type: "Image", src: "/p.svg", alt: "" } as never });
    });
    expect(errors.map((e) => `${e.file} ${e.field}`).sort()).toEqual(
      [
        "content/articles/one.mdx hero.alt",
        "content/articles/one.mdx body",
        "content/articles/one.mdx body",
        "content/authors/ann.mdx avatar.alt",
        "content/products/roller.yaml image.alt",
      ].sort(),
    );
  });

  it("duplicate slug (articles in different folders)", () => {
    const errors = errorsOf((c) => {
      const dup = article("one");
      dup._raw = { ...dup._raw, sourceFilePath: "articles/2025/one.mdx" };
      c.articles.push(dup);
    });
    expect(errors).toEqual([{ file: "content/articles/2025/one.mdx", field: "slug", message: 'duplicate slug "one", also used by content/articles/one.mdx' }]);
  });

  it("broken internal link", () => {
    expect(errorsOf((c) => (c.articles[0] = article("one", { body: body("See [this](/articles/missing) and [that](/articles/two).") })))).toEqual([
      { file: "content/articles/one.mdx", field: "body", message: "link to /articles/missing points to no page on this site" },
    ]);
  });

  it("product url must be absolute", () => {
    expect(errorsOf((c) => (c.products[0] = product("cushion", { url: "shop/cushion" })))[0]).toMatchObject({ field: "url" });
  });

  it("newsletter references and subject length", () => {
    const errors = errorsOf((c) => c.newsletters.push(newsletter("n1", { subject: "x".repeat(MAX_SUBJECT_LENGTH + 1), articles: ["ghost"], products: ["nope"] })));
    expect(errors.map((e) => e.field).sort()).toEqual(["articles", "products", "subject"]);
  });

  it("newsletter bodies: unknown article teasers, broken internal links and an empty subject", () => {
    const errors = errorsOf((c) =>
      c.newsletters.push(newsletter("n2", { subject: "  ", body: { raw: '<ArticleTeaser slug="ghost" />\n\n[old issue](/newsletter/archive/missing) and [archive](/newsletter/archive)', code: "" } })),
    );
    expect(errors).toEqual([
      { file: "content/newsletters/n2.mdx", field: "subject", message: "subject is empty" },
      { file: "content/newsletters/n2.mdx", field: "body", message: expect.stringContaining('<ArticleTeaser slug="ghost">: unknown article "ghost"') },
      { file: "content/newsletters/n2.mdx", field: "body", message: "link to /newsletter/archive/missing points to no page on this site" },
    ]);
  });

  it("formats one line per problem naming file and field", () => {
    expect(formatContentErrors([{ file: "content/a.mdx", field: "author", message: "bad" }])).toBe("content/a.mdx: author: bad");
  });
});
