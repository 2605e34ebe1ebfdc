import { getMDXComponent } from "mdx-bundler/client";
import { renderToStaticMarkup } from "react-dom/server";
import { componentsFor } from "./mdx-components";

/**
 * A compiled MDX body as static HTML, with the site's components: what
 * `content:render` stores for pages and what `content:check` renders to prove
 * every body renders. Throws what the body throws.
 */
export function mdxToHtml(code: string, from?: string): string {
  const Body = getMDXComponent(code);
  return renderToStaticMarkup(<Body components={componentsFor(from)} />);
}
