// Starting files for `npm run new -- article|author|product|newsletter <slug>`:
// every required field filled with a value that passes the check, and a
// comment on each line saying what it is for. An article starts as a draft,
// so nothing reaches readers before an editor says so.
export const NEW_KINDS = ["article", "author", "product", "newsletter"] as const;
export type NewKind = (typeof NEW_KINDS)[number];

export const PLACEHOLDER_IMAGE = "/images/placeholder.svg";

export type TemplateContext = {
  /** Today as YYYY-MM-DD. */
  today: string;
  /** Existing slugs to start references from (the first of each is used). */
  authors: string[];
  categories: string[];
};

const title = (slug: string) => slug.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());

export function newContentFile(kind: NewKind, slug: string, ctx: TemplateContext): { file: string; text: string } {
  switch (kind) {
    case "article":
      return {
        file: `content/articles/${slug}.mdx`,
        text: `---
# The headline: at most 70 characters so search results show all of it.
title: ${title(slug)}
# Optional: the reader's question this article answers, shown under the headline.
subtitle: What will a reader know after reading this article?
# For search results and link previews: 50 to 160 characters.
description: A short summary of what this article covers and who it is for, written for search results.
# The writer: a file name from content/authors (${ctx.authors.join(", ") || "add one with npm run new -- author <slug>"}).
author: ${ctx.authors[0] ?? "add-an-author"}
# The medical reviewer (another file in content/authors) and the date of the review, YYYY-MM-DD.
# Health advice needs both before it is published; reviews are repeated every reviewEvery months (default 12).
# reviewer: someone-else
# reviewedOn: ${ctx.today}
# The day it goes live (YYYY-MM-DD). A date in the future schedules it.
published: ${ctx.today}
# The section it is filed under: a file name from content/categories (${ctx.categories.join(", ")}).
category: ${ctx.categories[0] ?? "add-a-category"}
# Topics, lower case; each gets a page at /tags/<tag>.
tags: [${slug.split("-")[0]}]
# The image at the top: a file under public/ and a description of it for people who cannot see it.
hero:
  src: ${PLACEHOLDER_IMAGE}
  alt: Placeholder illustration to replace with the article's own image
# true keeps the article off the site while you write; delete the line (or write false) to publish.
draft: true
# Sources, cited in the text with <Cite id="…" />: each needs a doi, a pmid or an https url.
# references:
#   - id: author-2024
#     title: Title of the paper or guideline
#     authors: [Surname AB, Surname CD]
#     year: 2024
#     publisher: Journal or organisation
#     doi: 10.1000/example
---
Start with the answer to the reader's question in a sentence or two.

## A first section

Write in short paragraphs. Sections start with ## (and ### below them); they make the table of contents.

{/* Components: <Callout type="tip">…</Callout>, <Figure src="/images/…" alt="…" />, <ProductCard id="…" />, <Cite id="…" />. */}
`,
      };
    case "author":
      return {
        file: `content/authors/${slug}.mdx`,
        text: `---
# The name as readers see it.
name: ${title(slug)}
# Optional post-nominals, comma separated, e.g. PT, DPT. Shown after the name and in search data.
# credentials: PT, DPT
# What they do, in a few words.
role: Contributing writer
# A portrait under public/ and a description of it.
avatar:
  src: ${PLACEHOLDER_IMAGE}
  alt: Placeholder portrait to replace with a photo of ${title(slug)}
# Optional profiles elsewhere: https addresses only.
# links:
#   - label: Their website
#     url: https://example.org
---
A few sentences about who they are, their training and what they write about. This is the bio on their page and under each article.
`,
      };
    case "product":
      return {
        file: `content/products/${slug}.yaml`,
        text: `# The product's name as the maker writes it (™ and ® are fine).
name: ${title(slug)}
# One sentence on what it is and who it suits. Say what it does, never that it cures or treats anything.
pitch: A one-sentence description of what this product is and who it suits.
# A few sentences of detail: what it is made of, how it is used.
description: Two or three sentences about what it is made of and how people use it day to day.
# A photo under public/ and a description of it.
image:
  src: ${PLACEHOLDER_IMAGE}
  alt: Placeholder image to replace with a photo of the product
# Where the button leads: a full https address.
url: https://shop.example.com/${slug}
# The button's words.
cta: Learn More
# true when we are paid for the link (an affiliate or sponsored link); the page then says so.
sponsored: false
`,
      };
    case "newsletter":
      return {
        file: `content/newsletters/${slug}.mdx`,
        text: `---
# The subject line: at most 90 characters, most inboxes show about 60.
subject: ${title(slug)}
# The grey line after the subject in most inboxes.
preheader: One sentence that makes a reader want to open it.
# The day it is meant to go out (YYYY-MM-DD); articles it features must be live by then.
sendOn: ${ctx.today}
# Articles this issue features: file names from content/articles.
articles: []
# Products this issue mentions: file names from content/products.
products: []
---
Open with one or two sentences. The greeting with the reader's first name is added for you.

{/* Feature an article with <ArticleTeaser slug="…" /> and a product with <ProductCard id="…" />. */}
`,
      };
  }
}
