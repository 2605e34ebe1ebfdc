import Link from "next/link";
import { ArticleList } from "@/components/article-card";
import { SiteChrome } from "@/components/site-chrome";
import { content } from "@/lib/content";

export const metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <SiteChrome>
      <h1>We couldn't find that page</h1>
      <p>
        The link may be old or mistyped. Try the <Link href="/">home page</Link>, or one of our latest articles:
      </p>
      <ArticleList articles={content.latestArticles(3)} headingLevel={2} />
    </SiteChrome>
  );
}
