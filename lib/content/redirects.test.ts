import { describe, expect, it } from "vitest";
import { sortProblems } from "./problems";
import { checkRedirects, parseRedirects, type PathLookup } from "./redirects";
import { siteIndex } from "./site-index";
import { article, page, validContent } from "./test-fixtures";

const NOW = new Date("2026-06-01T00:00:00Z");
const lookup: PathLookup = (() => {
  const set = validContent();
  set.articles.push(article("draft", { draft: true }), article("later", { published: "2026-09-01T00:00:00.000Z" }));
  set.pages.push(page("old", { path: "/2019/05/old", draft: true }));
  return siteIndex(set, NOW).lookup;
})();
const check = (yaml: string) => {
  const { redirects, problems } = parseRedirects(yaml);
  return sortProblems([...problems, ...checkRedirects(redirects, lookup)]).map((p) => `${p.line}:${p.column} ${p.field} ${p.message}`);
};

describe("content/redirects.yaml", () => {
  it("accepts redirects to live articles, pages, authors, categories, tags and site routes", () => {
    expect(
      check(`
- from: /posture
  to: /articles/one
- from: /Old-Page
  to: /about#team
- from: /writers/ann
  to: /authors/ann
- from: /2019/05/back
  to: /categories/back
- from: /home
  to: /
`),
    ).toEqual([]);
  });

  it("an empty file or an empty list is no redirects", () => {
    expect(parseRedirects("")).toEqual({ redirects: [], problems: [] });
    expect(parseRedirects("[]\n")).toEqual({ redirects: [], problems: [] });
  });

  it("reports YAML that does not parse with its position", () => {
    expect(check("- from: /a\n  to: [\n")).toEqual([expect.stringMatching(/^3:1 file not valid YAML: /)]);
  });

  it("must be a list", () => {
    expect(check("from: /a\nto: /b\n")).toEqual([
      "1:1 file must be a list of redirects, each written as `- from: /old-path` with `to: /new-path` below it",
    ]);
  });

  it("reports missing and unknown fields and non-text values", () => {
    expect(check("- from: /a\n- to: /articles/one\n  code: 301\n- from: 12\n  to: /articles/one\n- just text\n")).toEqual([
      "1:3 [0].to missing to; each redirect needs a from and a to",
      "2:3 [1].from missing from; each redirect needs a from and a to",
      '3:3 [1].code unknown field "code"; a redirect has only from and to',
      "4:3 [2].from from must be a path such as /old-page",
      "6:3 [3] each redirect needs a `from:` and a `to:` path",
    ]);
  });

  it("from paths must be well-formed", () => {
    expect(
      check(
        "- from: old-page\n  to: /articles/one\n- from: /a/\n  to: /articles/one\n- from: /a?p=1\n  to: /articles/one\n- from: /café\n  to: /articles/one\n- from: /a b\n  to: /articles/one\n",
      ),
    ).toEqual([
      '1:3 [0].from from "old-page" must be a path on this site starting with a slash, e.g. /old-page',
      '3:3 [1].from from "/a/" ends with a slash; write /a (the site answers both forms)',
      '5:3 [2].from from "/a?p=1" has a ?query; only paths can be redirected',
      '7:3 [3].from from "/café" has characters that must be percent-encoded; write /caf%C3%A9',
      '9:3 [4].from from "/a b" contains a space; write it as %20 or remove it',
    ]);
  });

  it("from paths are unique and never hide a live page", () => {
    expect(check("- from: /x\n  to: /articles/one\n- from: /x\n  to: /articles/two\n- from: /articles/two\n  to: /articles/one\n")).toEqual([
      "3:3 [1].from /x is already redirected on line 1; keep one of the two",
      "5:3 [2].from /articles/two is a page of this site; a redirect would hide it (remove the redirect or the page)",
    ]);
  });

  it("every target is a live page of this site", () => {
    expect(
      check(
        "- from: /a\n  to: /articles/missing\n- from: /b\n  to: /articles/draft\n- from: /c\n  to: /articles/later\n- from: /d\n  to: /2019/05/old\n- from: /e\n  to: https://example.com/x\n",
      ),
    ).toEqual([
      "1:3 [0].to to /articles/missing is no page on this site; point the redirect at a live page",
      "3:3 [1].to to /articles/draft is a draft (draft: true), so it is not on the site; point the redirect at a live page",
      "5:3 [2].to to /articles/later is not published until 2026-09-01; point the redirect at a live page",
      "7:3 [3].to to /2019/05/old is a draft page (draft: true), so it is not on the site; point the redirect at a live page",
      '9:3 [4].to to "https://example.com/x" must be a path on this site such as /articles/tech-neck',
    ]);
  });

  it("refuses chains and loops", () => {
    expect(check("- from: /a\n  to: /b\n- from: /b\n  to: /articles/one\n- from: /x\n  to: /y\n- from: /y\n  to: /x\n- from: /self\n  to: /self\n")).toEqual([
      "1:3 [0].to redirect chain: /a → /b → /articles/one; point /a straight at /articles/one",
      "5:3 [2].to redirect loop: /x → /y → /x; point /x at a page",
      "7:3 [3].to redirect loop: /y → /x → /y; point /y at a page",
      "9:3 [4].to redirect loop: /self → /self; point /self at a page",
    ]);
  });
});
