import { convert } from "html-to-text";
import type { Article } from "../content/types";
import type { SearchDoc } from "./index";

/**
 * What the search index holds for each article: its words as a reader sees
 * them (the body's rendered HTML as text), its headings, and when it goes
 * live. Drafts never enter.
 */
export function searchDocs(articles: Article[], bodyHtml: (code: string) => string): SearchDoc[] {
  return articles
    .filter((a) => !a.draft)
    .map((a) => ({
      slug: a.slug,
      title: a.title,
      subtitle: a.subtitle ?? "",
      headings: ((a.toc ?? []) as { title?: string; text?: string }[]).map((h) => h.title ?? h.text ?? "").join("; "),
      body: convert(bodyHtml(a.body.code), {
        wordwrap: false,
        selectors: [
          { selector: "a", options: { ignoreHref: true } },
          { selector: "img", format: "skip" },
        ],
      }),
      description: a.description,
      url: a.url,
      category: a.category,
      published: Date.parse(a.published),
    }));
}
