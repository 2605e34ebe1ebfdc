import { AffiliateDisclosure } from "@/components/affiliate-disclosure";
import { ProductCardView } from "@/components/product-card";
import { content } from "@/lib/content";
import { hasSponsored } from "@/lib/content/sponsorship";

export const metadata = {
  title: "Recommended Products for Back and Neck Pain",
  description: "Every product our writers recommend for back and neck pain, with what each one is for.",
  alternates: { canonical: "/products" },
};

export default function ProductsPage() {
  const products = content.products();
  return (
    <>
      <h1>Recommended products</h1>
      <p className="lede">Tools our writers and reviewers think are worth a look. None of them replaces advice from your own clinician.</p>
      {hasSponsored(products) ? <AffiliateDisclosure /> : null}
      <div className="product-grid">
        {products.map((p) => (
          <ProductCardView key={p.slug} product={p} headingLevel={2} />
        ))}
      </div>
    </>
  );
}
