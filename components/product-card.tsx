import { ContentImage } from "./content-image";
import { content } from "@/lib/content";
import { productHref, productLinkRel } from "@/lib/content/sponsorship";
import type { Product } from "@/lib/content/types";

/** `from`: the article the card sits in, counted with the click (/go/). */
export function ProductCardView({ product, headingLevel = 3, from }: { product: Product; headingLevel?: 2 | 3; from?: string }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="product-card">
      <ContentImage src={product.image.src} alt={product.image.alt} width={400} height={300} sizes="(min-width: 46rem) 22rem, 100vw" />
      <div className="product-card-body">
        <Heading className="product-name">{product.name}</Heading>
        <p className="product-pitch">{product.pitch}</p>
        <p className="product-description">{product.description}</p>
        <a className="button" href={productHref(product, from)} rel={productLinkRel(product)} target="_blank">
          {product.cta}
          <span className="visually-hidden">: {product.name} (opens in a new tab)</span>
        </a>
        {product.sponsored ? <p className="sponsored-tag">Sponsored</p> : null}
      </div>
    </article>
  );
}

/** The MDX form: <ProductCard id="…" />. The id was checked at build time. */
export function ProductCard({ id, from }: { id: string; from?: string }) {
  const product = content.productBySlug(id);
  if (!product) throw new Error(`Unknown product "${id}"`);
  return <ProductCardView product={product} from={from} />;
}
