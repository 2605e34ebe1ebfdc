import type { Reference } from "@/lib/content/references";

/** The article's sources, numbered as the text cites them, each linked to its DOI, PubMed entry or page. */
export function References({ references }: { references: (Reference & { n: number; href?: string })[] }) {
  if (references.length === 0) return null;
  return (
    <section className="references" aria-labelledby="references-heading">
      <h2 id="references-heading">References</h2>
      <ol>
        {references.map((r) => (
          <li key={r.id} id={`ref-${r.id}`} value={r.n}>
            {r.authors && r.authors.length > 0 ? <>{formatAuthors(r.authors)} </> : null}
            {r.year ? <>({r.year}). </> : null}
            {r.href ? (
              <a href={r.href} rel="noopener">
                {r.title}
              </a>
            ) : (
              r.title
            )}
            {r.publisher ? <>. {r.publisher}</> : null}.{r.doi ? <> doi:{r.doi}</> : null}
            {r.pmid ? <> PMID {r.pmid}</> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function formatAuthors(authors: string[]): string {
  return authors.length > 3 ? `${authors.slice(0, 3).join(", ")} et al.` : authors.join(", ");
}
