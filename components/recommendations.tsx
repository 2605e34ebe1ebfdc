import { content } from "@/lib/content";
import { ProductCardView } from "./product-card";

export function Recommendations({ set = "standard" }: { set?: string }) {
  const rec = content.recommendationSet(set);
  if (!rec) throw new Error(`Unknown recommendation set "${set}"`);
  const id = `recommendations-${rec.slug}`;
  return (
    <section className="recommendations" aria-labelledby={id}>
      <h2 id={id}>{rec.heading}</h2>
      <div className="product-grid">
        {rec.productDocs.map((p) => (
          <ProductCardView key={p.slug} product={p} />
        ))}
      </div>
      <p className="recommendations-more">
        <a href="/products">{rec.closingLabel}</a>
      </p>
    </section>
  );
}
