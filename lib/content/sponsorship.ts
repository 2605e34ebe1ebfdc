import { bodyOutline } from "./toc";
import type { Product } from "./types";

/** Product ids an MDX body embeds with <ProductCard id="…" />, read from its syntax tree (code examples do not count). */
export function productIdsInBody(markdown: string): string[] {
  return bodyOutline(markdown).products;
}

/** Whether any of these products is a paid or affiliate link, so the page must disclose it. */
export function hasSponsored(products: (Product | undefined)[]): boolean {
  return products.some((p) => p?.sponsored);
}

/**
 * rel for a product link: it goes through our counting redirect (/go/), so
 * search engines are told not to follow it (nofollow), and sponsored links
 * say so (Google's guidance); all open safely.
 */
export function productLinkRel(product: Pick<Product, "sponsored">): string {
  return product.sponsored ? "sponsored nofollow noopener" : "nofollow noopener";
}

/** The counted product link: /go/<product>, with the article it sits in (no cookie, no reader; lib/audience/clicks.ts). */
export function productHref(product: Pick<Product, "slug">, from?: string): string {
  return `/go/${encodeURIComponent(product.slug)}${from ? `?from=${encodeURIComponent(from)}` : ""}`;
}
