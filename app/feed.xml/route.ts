import { content } from "@/lib/content";
import { articlesRss } from "@/lib/content/feed";

export const dynamic = "force-static";
// A list of articles: never cached longer than a minute, so a scheduled article is on it within 60 s of its time
// even behind a CDN (the publish timer regenerates it at that moment; decision 0018).
export const revalidate = 60;

export function GET() {
  return new Response(articlesRss(content), { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}
