import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MdxContent } from "@/components/mdx-content";
import { content } from "@/lib/content";
import { formatDate } from "@/lib/content/format";

// Static pages from content/pages, each served at its own `path` (/about,
// /2019/05/old-page). Only the paths content defines exist: anything else is
// the site's 404, as before this route (dynamicParams = false).
type Props = { params: Promise<{ path: string[] }> };
export const dynamicParams = false;

const pathOf = (segments: string[]) => `/${segments.join("/")}`;

export function generateStaticParams() {
  return content.publishedPages().map((p) => ({ path: p.path.slice(1).split("/") }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = content.pageByPath(pathOf((await params).path));
  if (!page) return {};
  return { title: page.title, description: page.description, alternates: { canonical: page.path } };
}

export default async function StaticPage({ params }: Props) {
  const page = content.pageByPath(pathOf((await params).path));
  if (!page) notFound();
  return (
    <article className="narrow">
      <h1>{page.title}</h1>
      <MdxContent code={page.body.code} className="prose" />
      {page.updated ? (
        <p className="meta">
          Last updated <time dateTime={page.updated}>{formatDate(page.updated)}</time>
        </p>
      ) : null}
    </article>
  );
}
