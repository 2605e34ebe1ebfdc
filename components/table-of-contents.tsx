import type { TocEntry } from "@/lib/content/toc";

/** Only long articles get one: for a short piece it is noise. */
export const TOC_MIN_ENTRIES = 4;

export function TableOfContents({ entries, idPrefix = "toc" }: { entries: TocEntry[]; idPrefix?: string }) {
  if (entries.length < TOC_MIN_ENTRIES) return null;
  return (
    <nav className="toc" aria-labelledby={`${idPrefix}-heading`}>
      <h2 id={`${idPrefix}-heading`}>In this article</h2>
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
