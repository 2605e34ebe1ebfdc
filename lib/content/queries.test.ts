import { describe, expect, it } from "vitest";
import { createContentQueries, tagSlug } from "./queries";
import { isPublic } from "./publication";
import { article, category, page, validContent } from "./test-fixtures";

const NOW = new Date("2026-06-01T00:00:00Z");
const queries = (set = validContent(), includeUnpublished = false) =>
  createContentQueries(set, () => ({ now: NOW, includeUnpublished }));

describe("published filter", () => {
  it("hides drafts and future-dated articles", () => {
    const set = validContent();
    set.articles.push(article("draft", { draft: true }), article("future", { published: "2026-07-01T00:00:00.000Z" }));
    const slugs = queries(set).publishedArticles().map((a) => a.slug);
    expect(slugs).toEqual(["two", "one"]);
    expect(queries(set).articleBySlug("draft")).toBeUndefined();
    expect(queries(set).articleBySlug("future")).toBeUndefined();
  });

  it("an article published exactly now is public", () => {
    expect(isPublic({ draft: false, published: NOW.toISOString() }, NOW)).toBe(true);
  });

  it("previews may include unpublished pieces when asked", () => {
    const set = validContent();
    set.articles.push(article("draft", { draft: true }));
    expect(queries(set, true).publishedArticles().map((a) => a.slug)).toContain("draft");
  });

  it("unpublished articles stay out of author, category and tag lists", () => {
    const set = validContent();
    set.articles.push(article("draft", { draft: true, tags: ["sleep"] }));
    const q = queries(set);
    expect(q.articlesByAuthor("ann").map((a) => a.slug)).not.toContain("draft");
    expect(q.articlesByCategory("back").map((a) => a.slug)).not.toContain("draft");
    expect(q.allTags().map((t) => t.slug)).not.toContain("sleep");
  });
});

describe("what the build renders ahead (decision 0051)", () => {
  it("the newest public articles, and every draft and scheduled one", () => {
    const set = validContent();
    set.articles.push(article("draft", { draft: true }), article("future", { published: "2026-07-01T00:00:00.000Z" }));
    expect(queries(set).articleSlugsToPrerender(1)).toEqual(["two", "draft", "future"]);
    expect(queries(set).articleSlugsToPrerender(10)).toEqual(["two", "one", "draft", "future"]);
    expect(queries(set).articleSlugsToPrerender(0)).toEqual(["draft", "future"]);
  });
});

describe("ordering", () => {
  it("lists newest first, slug breaking ties", () => {
    const set = validContent();
    set.articles = [
      article("b", { published: "2026-03-01T00:00:00.000Z" }),
      article("a", { published: "2026-03-01T00:00:00.000Z" }),
      article("c", { published: "2026-04-01T00:00:00.000Z" }),
    ];
    expect(queries(set).publishedArticles().map((a) => a.slug)).toEqual(["c", "a", "b"]);
    expect(queries(set).latestArticles(2).map((a) => a.slug)).toEqual(["c", "a"]);
  });

  it("featured lists only featured articles", () => {
    const set = validContent();
    set.articles.push(article("star", { featured: true }));
    expect(queries(set).featuredArticles(3).map((a) => a.slug)).toEqual(["star"]);
  });
});

describe("related articles", () => {
  it("ranks shared tags above a shared category and never returns the article itself", () => {
    const set = validContent();
    set.articles = [
      article("base", { tags: ["sleep", "posture"], category: "back" }),
      article("same-cat", { tags: [], category: "back" }),
      article("two-tags", { tags: ["Sleep", "posture"], category: "neck" }),
      article("one-tag", { tags: ["posture"], category: "neck" }),
      article("unrelated", { tags: ["walking"], category: "neck" }),
    ];
    const q = queries(set);
    const related = q.relatedArticles(q.articleBySlug("base")!, 5).map((a) => a.slug);
    expect(related).toEqual(["two-tags", "one-tag", "same-cat"]);
  });

  it("respects the limit", () => {
    const set = validContent();
    set.articles = [article("x", { tags: ["t"] }), article("y", { tags: ["t"] }), article("z", { tags: ["t"] })];
    const q = queries(set);
    expect(q.relatedArticles(q.articleBySlug("x")!, 1)).toHaveLength(1);
  });
});

describe("reference resolution", () => {
  it("resolves author, reviewer and category of an article", () => {
    const set = validContent();
    set.articles = [article("x", { author: "ann", reviewer: "bob", category: "neck" })];
    const a = queries(set).articleBySlug("x")!;
    expect(a.authorDoc.slug).toBe("ann");
    expect(a.reviewerDoc?.slug).toBe("bob");
    expect(a.categoryDoc.slug).toBe("neck");
  });

  it("gives a child category's parents, outermost first, and survives a parent loop", () => {
    const set = validContent();
    set.categories = [category("back", { parent: "body" }), category("body"), category("neck", { parent: "back" })];
    set.articles = [article("x", { category: "neck" })];
    expect(queries(set).articleBySlug("x")!.categoryTrail.map((c) => c.slug)).toEqual(["body", "back", "neck"]);
    set.categories = [category("back", { parent: "neck" }), category("neck", { parent: "back" })];
    expect(queries(set).articleBySlug("x")!.categoryTrail.map((c) => c.slug)).toEqual(["back", "neck"]);
  });

  it("returns a recommendation set's products in the editor's order", () => {
    const set = validContent();
    set.recommendationSets[0].products = ["roller", "cushion"];
    expect(queries(set).recommendationSet("standard")!.productDocs.map((p) => p.slug)).toEqual(["roller", "cushion"]);
  });

  it("lists an author's articles including ones they reviewed", () => {
    const set = validContent();
    set.articles = [article("w", { author: "ann" }), article("r", { author: "bob", reviewer: "ann" })];
    expect(queries(set).articlesByAuthor("ann").map((a) => a.slug).sort()).toEqual(["r", "w"]);
  });

  it("finds tag pages by slug regardless of how the tag was written", () => {
    const set = validContent();
    set.articles = [article("d", { tags: ["Desk Work"] })];
    expect(tagSlug("Desk Work")).toBe("desk-work");
    expect(queries(set).articlesByTag("desk-work").map((a) => a.slug)).toEqual(["d"]);
  });
});

describe("static pages", () => {
  it("are found by path; drafts only in previews", () => {
    const set = validContent();
    set.pages.push(page("old", { path: "/2019/05/old-page" }), page("wip", { path: "/wip", draft: true }));
    expect(queries(set).publishedPages().map((p) => p.path)).toEqual(["/2019/05/old-page", "/about"]);
    expect(queries(set).pageByPath("/2019/05/old-page")?.slug).toBe("old");
    expect(queries(set).pageByPath("/wip")).toBeUndefined();
    expect(queries(set, true).pageByPath("/wip")?.slug).toBe("wip");
  });
});
