// Pre-renders every MDX body (articles, author bios, newsletters, static pages) to static HTML once, at
// build time, into .contentlayer/rendered.json. Pages inject that HTML, so
// React neither ships nor hydrates the body's element tree: the article page's
// payload and main-thread work stay close to an empty page's.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { argsOrExit } from "./args";
import { generatedContent } from "../lib/content/generated";
import { mdxToHtml } from "../components/mdx-html";
import { bodyKey, renderKey } from "../lib/content/body-key";
import { renderNewsletterIssue } from "../components/email/issue";
import { env } from "../lib/env";
import type { RenderedEmail } from "../lib/mail/templates";
import { buildSearchIndex } from "../lib/search";
import { searchDocs } from "../lib/search/documents";

const USAGE = `usage: npm run content:render
  renders every MDX body, the newsletter issues' emails and the search index into .contentlayer/
  (run by \`npm run build\` after the content check; it takes no options)`;
argsOrExit("content:render", USAGE, { options: { help: { type: "boolean", short: "h" } } });

const { articles: allArticles, authors: allAuthors, newsletters: allNewsletters, pages: allPages } = generatedContent();

// content:check renders every body the same way (to prove each renders) and
// leaves the HTML here, keyed by the compiled code; those are reused.
const RENDERED = ".contentlayer/rendered.json";
const previous: Record<string, string> = existsSync(RENDERED) ? JSON.parse(readFileSync(RENDERED, "utf8")) : {};
const rendered: Record<string, string> = {};
for (const doc of [...allArticles, ...allAuthors, ...allNewsletters, ...allPages]) {
  // An article's body is rendered for that article: its product links say where they were (/go/?from=).
  const from = allArticles.includes(doc as never) ? doc.slug : undefined;
  const key = renderKey(doc.body.code, from);
  rendered[key] = previous[key] ?? mdxToHtml(doc.body.code, from);
}
mkdirSync(".contentlayer", { recursive: true });
// Newsletter issues as email (with per-recipient placeholders), for the editor console's preview.
const emails: Record<string, RenderedEmail> = {};
for (const n of allNewsletters) emails[n.slug] = await renderNewsletterIssue(n, env().PUBLIC_URL);
writeFileSync(".contentlayer/newsletter-emails.json", JSON.stringify(emails));
writeFileSync(RENDERED, JSON.stringify(rendered));
// The search index: every article but drafts (scheduled ones wait in it for their time).
const bySlugCode = new Map(allArticles.map((a) => [a.body.code, a.slug]));
const docs = searchDocs(allArticles, (code) => rendered[renderKey(code, bySlugCode.get(code))] ?? rendered[bodyKey(code)] ?? "");
writeFileSync(".contentlayer/search-index.json", buildSearchIndex(docs));

// Builds before decision 0032 wrote a static route per article here (not in
// git); a checkout that still has them would build them all again.
rmSync(path.join("app", "(site)", "articles", "(prebuilt)"), { recursive: true, force: true });
console.log(`render-content: ${Object.keys(rendered).length} bodies pre-rendered, ${docs.length} articles in the search index`);
