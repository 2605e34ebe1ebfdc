import type { Product } from "./types";

/** Product ids an MDX body embeds with <ProductCard id="…" />. */
export function productIdsInBody(markdown: string): string[] {
  return [...markdown.matchAll(/<ProductCard\b[^>]*\bid\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]);
}

/** Whether any of these products is a paid or affiliate link, so the page must disclose it. */
export function hasSponsored(products: (Product | undefined)[]): boolean {
  return products.some((p) => p?.sponsored);
}

/** rel for an outbound product link: sponsored links say so (Google's guidance), all open safely. */
export function productLinkRel(product: Pick<Product, "sponsored">): string {
  return product.sponsored ? "sponsored noopener" : "noopener";
}
