import { createElement } from "react";
import { getMDXComponent } from "mdx-bundler/client";
import { renderKey } from "@/lib/content/body-key";
import { prerenderedBodies } from "@/lib/content/prerendered";
import { componentsFor } from "./mdx-components";

/**
 * An MDX body (contentlayer2 + mdx-bundler). Production builds use the HTML
 * pre-rendered by scripts/render-content.tsx (keyed by the compiled code, so a
 * stale entry is never used); `next dev` renders live when a body changed.
 */
export function MdxContent({ code, className, from }: { code: string; className?: string; from?: string }) {
  const html = prerenderedBodies()[renderKey(code, from)];
  if (html !== undefined) return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
  // A body with no pre-rendered HTML (edited while `next dev` runs) renders live.
  return <div className={className}>{createElement(getMDXComponent(code), { components: componentsFor(from) })}</div>;
}
