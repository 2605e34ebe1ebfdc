import { content } from "@/lib/content";
import { articlesRss } from "@/lib/content/feed";

export const dynamic = "force-static";

export function GET() {
  return new Response(articlesRss(content), { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}
