import { bundleMDX } from "mdx-bundler";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { mdxToHtml } from "../../components/mdx-html";
import { References } from "../../components/references";
import { articleReferences, referenceHref, referenceProblems, remarkCitations } from "./references";
import { bodyOutline } from "./toc";

const compile = async (source: string) =>
  (
    await bundleMDX({
      source,
      mdxOptions: (o) => {
        o.remarkPlugins = [...(o.remarkPlugins ?? []), remarkCitations];
        return o;
      },
    })
  ).code;

describe("citations", () => {
  it("numbers <Cite> in order of first appearance, repeats keep their number, and link to the reference", async () => {
    const body = 'First.<Cite id="b" /> Second.<Cite id="a c" /> Again.<Cite id="b" />';
    const html = mdxToHtml(await compile(body));
    expect(html.match(/<a href="#ref-[a-z]+" aria-label="Reference \d">\d<\/a>/g)).toEqual([
      '<a href="#ref-b" aria-label="Reference 1">1</a>',
      '<a href="#ref-a" aria-label="Reference 2">2</a>',
      '<a href="#ref-c" aria-label="Reference 3">3</a>',
      '<a href="#ref-b" aria-label="Reference 1">1</a>',
    ]);
    expect(bodyOutline(body).citations).toEqual(["b", "a", "c"]);
  });

  it("the References section lists sources in citation order, uncited last, each linked to DOI, PubMed or URL", () => {
    const refs = articleReferences({
      references: [
        { id: "a", title: "Paper A", authors: ["Lee A", "Kim B", "Roe C", "Doe D"], year: 2020, publisher: "J Back", doi: "10.1000/a" },
        { id: "b", title: "Paper B", pmid: 123456 },
        { id: "c", title: "Guideline C", url: "https://example.org/c" },
      ],
      citations: ["b", "a"],
    });
    expect(refs.map((r) => [r.n, r.id, r.href])).toEqual([
      [1, "b", "https://pubmed.ncbi.nlm.nih.gov/123456/"],
      [2, "a", "https://doi.org/10.1000/a"],
      [3, "c", "https://example.org/c"],
    ]);
    const html = renderToStaticMarkup(createElement(References, { references: refs }));
    expect(html).toContain('<h2 id="references-heading">References</h2>');
    expect(html).toContain(
      '<li id="ref-a" value="2">Lee A, Kim B, Roe C et al. (2020). <a href="https://doi.org/10.1000/a" rel="noopener">Paper A</a>. J Back. doi:10.1000/a</li>',
    );
    expect(html).toContain('<li id="ref-b" value="1"><a href="https://pubmed.ncbi.nlm.nih.gov/123456/" rel="noopener">Paper B</a>. PMID 123456</li>');
    expect(renderToStaticMarkup(createElement(References, { references: [] }))).toBe("");
  });

  it("validates DOIs, PubMed ids, URLs and ids", () => {
    expect(referenceProblems([{ id: "x", title: "t", doi: "10.1002/14651858.CD009790.pub2", pmid: 31234567 }])).toEqual([]);
    expect(referenceProblems([{ id: "Bad Id", title: "t", doi: "doi:10.1000/x", url: "http://x.org" }, { id: "y", title: "t", doi: "11.1/x", pmid: 123456789 }]).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'references[0].id: reference id "Bad Id" must be lower-case letters and digits joined by hyphens, e.g. hayden-2021',
      "references[0].doi: write the DOI on its own: 10.1000/x",
      'references[0].url: url "http://x.org" must be a full https:// address',
      'references[1].doi: doi "11.1/x" is not a DOI; a DOI looks like 10.1000/xyz123',
      "references[1].pmid: pmid 123456789 is not a PubMed id; it is a number of up to 8 digits, e.g. 31234567",
    ]);
    expect(referenceHref({ url: "https://x.org" })).toBe("https://x.org");
  });
});
