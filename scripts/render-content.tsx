// Pre-renders every MDX body (articles, author bios) to static HTML once, at
// build time, into .contentlayer/rendered.json. Pages inject that HTML, so
// React neither ships nor hydrates the body's element tree: the article page's
// payload and main-thread work stay close to an empty page's.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { allArticles, allAuthors, allNewsletters } from "../lib/content/generated";
import { getMDXComponent } from "mdx-bundler/client";
import { renderToStaticMarkup } from "react-dom/server";
import { mdxComponents } from "../components/mdx-components";
import { bodyKey } from "../lib/content/body-key";
import { ARTICLE_ROUTES_DIR, articleRouteFile } from "../lib/content/article-routes";
import { content } from "../lib/content";
import { renderNewsletterIssue } from "../components/email/issue-email";
import { env } from "../lib/env";
import type { RenderedIssue } from "../lib/newsletter/issue";

const rendered: Record<string, string> = {};
for (const doc of [...allArticles, ...allAuthors, ...allNewsletters]) {
  const Body = getMDXComponent(doc.body.code);
  rendered[bodyKey(doc.body.code)] = renderToStaticMarkup(<Body components={mdxComponents} />);
}
mkdirSync(".contentlayer", { recursive: true });
// Newsletter issues as email (with per-recipient placeholders), for the editor console's preview.
const emails: Record<string, RenderedIssue> = {};
for (const n of allNewsletters) emails[n.slug] = renderNewsletterIssue(n.slug, env().PUBLIC_URL)!;
writeFileSync(".contentlayer/newsletter-emails.json", JSON.stringify(emails));
writeFileSync(".contentlayer/rendered.json", JSON.stringify(rendered));

// A static route per published article (why: lib/content/article-routes.ts).
// Rewritten whole each time, so a drafted or deleted article loses its route.
rmSync(ARTICLE_ROUTES_DIR, { recursive: true, force: true });
const published = content.publishedArticles();
for (const a of published) {
  const { file, source } = articleRouteFile(a.slug);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, source);
}
console.log(`render-content: ${Object.keys(rendered).length} bodies pre-rendered, ${published.length} article routes written`);
