import type { TocEntry } from "@/lib/content/toc";

/** Only long articles get one: for a short piece it is noise. */
export const TOC_MIN_ENTRIES = 4;

export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  if (entries.length < TOC_MIN_ENTRIES) return null;
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">In this article</h2>
      <ul>
        {entries.map((e) => (
          <li key={e.id} className={e.depth === 3 ? "toc-sub" : undefined}>
            <a href={`#${e.id}`}>{e.text}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
