import GithubSlugger from "github-slugger";

export type TocEntry = { depth: 2 | 3; text: string; id: string };

/**
 * Headings (## and ###) of an MDX body, with the same ids rehype-slug gives
 * them, so the table of contents links land on the rendered headings.
 * Code fences are skipped: a "## " inside an example is not a heading.
 */
export function extractToc(markdown: string): TocEntry[] {
  const slugger = new GithubSlugger();
  const entries: TocEntry[] = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[2].replace(/[*_`]/g, "").replace(/\[([^\]]+)\]\([^)]*\)/g, "$1");
    entries.push({ depth: m[1].length as 2 | 3, text, id: slugger.slug(text) });
  }
  return entries;
}
