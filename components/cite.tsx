/**
 * The MDX form <Cite id="hayden-2021" /> (or id="a b" for several): a
 * numbered superscript linking to the entry in the article's References.
 * The numbers (n="1,3") are given at compile time by remarkCitations
 * (lib/content/references.ts), in the order sources are first cited.
 */
export function Cite({ id, n }: { id: string; n?: string }) {
  const ids = id.split(/[\s,]+/).filter(Boolean);
  const numbers = (n ?? "").split(",");
  return (
    <sup className="cite">
      [
      {ids.map((ref, i) => (
        <span key={ref}>
          {i > 0 ? ", " : null}
          <a href={`#ref-${ref}`} aria-label={`Reference ${numbers[i] || "?"}`}>
            {numbers[i] || "?"}
          </a>
        </span>
      ))}
      ]
    </sup>
  );
}
