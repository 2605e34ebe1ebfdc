import { content } from "@/lib/content";
import { ProductCardView } from "./product-card";

export function Recommendations({ set = "standard", from }: { set?: string; from?: string }) {
  const rec = content.recommendationSet(set);
  if (!rec) throw new Error(`Unknown recommendation set "${set}"`);
  const id = `recommendations-${rec.slug}`;
  return (
    <section className="recommendations" aria-labelledby={id}>
      <h2 id={id}>{rec.heading}</h2>
      <div className="product-grid">
        {rec.productDocs.map((p) => (
          <ProductCardView key={p.slug} product={p} from={from} />
        ))}
      </div>
      <p className="recommendations-more">
        {/* A plain link: MDX bodies are pre-rendered to static HTML outside Next's router (scripts/render-content.tsx). */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
        <a href="/products">{rec.closingLabel}</a>
      </p>
    </section>
  );
}
