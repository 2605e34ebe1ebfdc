import { describe, expect, it } from "vitest";
import { buildSearchIndex, loadSearchIndex, queryTerms, searchArticles, snippet, type SearchDoc } from "./index";

const NOW = new Date("2026-11-25T12:00:00Z");
const doc = (slug: string, over: Partial<SearchDoc> = {}): SearchDoc => ({
  slug,
  title: slug,
  subtitle: "",
  headings: "",
  body: "",
  description: `About ${slug}`,
  url: `/articles/${slug}`,
  category: "back-pain",
  published: Date.parse("2026-01-01T00:00:00Z"),
  ...over,
});

const index = loadSearchIndex(
  buildSearchIndex([
    doc("sleeping-positions", {
      title: "The best sleeping positions for back pain",
      headings: "On your side; On your back",
      body: "A pillow between the knees keeps the spine straight when you sleep on your side.",
    }),
    doc("desk-setup", {
      title: "Setting up your desk",
      category: "neck-pain",
      body: "Raise the screen so you do not bend forward while you sleep-walk through emails.",
    }),
    doc("walking", { title: "Walking for low back pain", body: "Walking after lunch eases stiffness. Sleep better too." }),
    doc("future-sleep", { title: "Sleep hygiene", body: "Sleeping well.", published: Date.parse("2026-12-01T07:00:00Z") }),
  ]),
);
const slugs = (q: string, opts: Partial<Parameters<typeof searchArticles>[2]> = {}) =>
  searchArticles(index, q, { now: NOW, ...opts }).hits.map((h) => h.slug);

describe("site search", () => {
  it("ranks a title match above a body match", () => {
    expect(slugs("sleeping")[0]).toBe("sleeping-positions");
    expect(slugs("sleep")).toEqual(expect.arrayContaining(["sleeping-positions", "walking"]));
  });

  it("matches prefixes and forgives typos", () => {
    expect(slugs("sleepin pos")).toEqual(["sleeping-positions"]);
    expect(slugs("slepeing positons")).toEqual(["sleeping-positions"]);
    expect(slugs("walkin")).toEqual(["walking"]);
  });

  it("searches headings, and filters by category", () => {
    expect(slugs("side")).toContain("sleeping-positions");
    expect(slugs("screen", { category: "neck-pain" })).toEqual(["desk-setup"]);
    expect(slugs("screen", { category: "back-pain" })).toEqual([]);
  });

  it("keeps a scheduled article out until its time, and finds it from then on", () => {
    expect(slugs("hygiene")).toEqual([]);
    expect(slugs("hygiene", { now: new Date("2026-12-01T07:00:01Z") })).toEqual(["future-sleep"]);
  });

  it("falls back to any word when no article has all of them", () => {
    expect(slugs("pillow unicorn")).toEqual(["sleeping-positions"]);
  });

  it("bounds the query: length, number of words, control characters", () => {
    const { terms, query } = queryTerms(`${"word ".repeat(30)}\u0000\u001b[31m`);
    expect(terms).toHaveLength(8);
    expect(query.length).toBeLessThanOrEqual(100);
    expect(queryTerms("   ").terms).toEqual([]);
    expect(searchArticles(index, "", { now: NOW })).toMatchObject({ hits: [], total: 0 });
  });

  it("snippets show the matched words marked, and nothing else as markup", () => {
    const html = snippet("Before <b>bold</b> & after: a pillow between the knees keeps the spine straight.", ["pillow", "amp"]);
    expect(html).toContain("<mark>pillow</mark>");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt; &amp; after");
    expect(html.replace(/<\/?mark>/g, "")).not.toMatch(/<|>/);
    const long = snippet(`${"filler words here ".repeat(30)}the knees matter ${"more words ".repeat(30)}`, ["knees"]);
    expect(long.startsWith("…")).toBe(true);
    expect(long.endsWith("…")).toBe(true);
    expect(long).toContain("<mark>knees</mark>");
  });
});
