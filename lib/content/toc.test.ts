import { describe, expect, it } from "vitest";
import { extractToc } from "./toc";

describe("table of contents", () => {
  it("lists ## and ### headings with rehype-slug ids, skipping code fences", () => {
    const md = "## What *really* helps\n\ntext\n\n### Step [one](/x)\n\n```\n## not a heading\n```\n\n## What really helps";
    expect(extractToc(md)).toEqual([
      { depth: 2, text: "What really helps", id: "what-really-helps" },
      { depth: 3, text: "Step one", id: "step-one" },
      { depth: 2, text: "What really helps", id: "what-really-helps-1" },
    ]);
  });
});

describe("table of contents from the syntax tree", () => {
  it("reads setext headings and ids shared with a level-1 heading, ignores tags with > in attributes", () => {
    const md = '# Intro\n\nWhy it hurts\n------------\n\n<Callout title="a > b">\n\n## Intro\n\n</Callout>\n\n### `code` in a heading\n';
    expect(extractToc(md)).toEqual([
      { depth: 2, text: "Why it hurts", id: "why-it-hurts" },
      { depth: 2, text: "Intro", id: "intro-1" },
      { depth: 3, text: "code in a heading", id: "code-in-a-heading" },
    ]);
  });

  it("a body that is not valid MDX has no entries", () => {
    expect(extractToc("## Ok\n\n<Callout>\n")).toEqual([]);
  });
});
