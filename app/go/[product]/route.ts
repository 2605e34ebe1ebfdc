import { countableClick } from "@/lib/audience/clicks";
import { content } from "@/lib/content";
import { gate } from "@/lib/security/gate";
import { clickBatcher } from "@/wiring/clicks";

// A product link on the site: count it per product and article (no cookie,
// no IP, no reader) and send the reader to the product's URL from the
// catalogue. An unknown product is a 404, never a redirect to anywhere.
async function go(request: Request, ctx: { params: Promise<{ product: string }> }) {
  const req = await gate(request, { accept: [], sameOrigin: false });
  if (!req.ok) return req.response;
  const product = content.productBySlug((await ctx.params).product);
  if (!product) return new Response("No such product.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const from = new URL(request.url).searchParams.get("from") ?? "";
  // Only a known article is recorded; anything else counts as "no article".
  const article = from && content.articleBySlug(from) ? from : "";
  if (countableClick(request)) clickBatcher().product(product.slug, article);
  return new Response(null, {
    status: 302,
    headers: { Location: product.url, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
}

export { go as GET, go as HEAD };
