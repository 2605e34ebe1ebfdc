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
