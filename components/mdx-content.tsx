import { getMDXComponent } from "mdx-bundler/client";
import rendered from "../.contentlayer/rendered.json" with { type: "json" };
import { bodyKey } from "@/lib/content/body-key";
import { mdxComponents } from "./mdx-components";

const prerendered = rendered as Record<string, string>;

/**
 * An MDX body (contentlayer2 + mdx-bundler). Production builds use the HTML
 * pre-rendered by scripts/render-content.tsx (keyed by the compiled code, so a
 * stale entry is never used); `next dev` renders live when a body changed.
 */
export function MdxContent({ code, className }: { code: string; className?: string }) {
  const html = prerendered[bodyKey(code)];
  if (html !== undefined) return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
  const Body = getMDXComponent(code);
  return (
    <div className={className}>
      <Body components={mdxComponents} />
    </div>
  );
}
