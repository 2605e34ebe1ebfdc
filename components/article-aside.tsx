import { productHref, productLinkRel } from "@/lib/content/sponsorship";
import type { TocEntry } from "@/lib/content/toc";
import type { Product } from "@/lib/content/types";
import { TableOfContents } from "./table-of-contents";

/**
 * The side column of an article on wide screens: the table of contents and
 * the article's recommendations, sticky while the reader scrolls (what the
 * publisher's old theme had as its sidebar). Phones never show it: there
 * the contents list sits above the text and the recommendations below it,
 * as before. Plain markup and CSS; no script.
 */
export function ArticleAside({ toc, products, from }: { toc: TocEntry[]; products: Product[]; from?: string }) {
  return (
    <aside className="article-aside" aria-label="On this page">
      <TableOfContents entries={toc} idPrefix="aside-toc" />
      {products.length > 0 ? (
        <section aria-labelledby="aside-recommended-heading" className="aside-recommended">
          <h2 id="aside-recommended-heading">Recommended products</h2>
          <ul>
            {products.map((p) => (
              <li key={p.slug}>
                <a href={productHref(p, from)} rel={productLinkRel(p)} target="_blank">
                  {p.name}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
                <span className="aside-pitch">{p.pitch}</span>
                {p.sponsored ? <span className="sponsored-tag"> Sponsored</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}
