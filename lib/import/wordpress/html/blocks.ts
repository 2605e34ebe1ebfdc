/**
 * The block editor stores each block as its HTML between two comments:
 * `<!-- wp:image {"id":12} -->…<!-- /wp:image -->`, or one self-closing
 * comment for blocks that have no HTML of their own (`<!-- wp:latest-posts /-->`).
 * An HTML parser keeps those comments as comment nodes among their siblings;
 * this pass pairs them up (nesting by name, as WordPress's own block parser
 * does) and wraps each block's nodes in a `wp-block` element carrying the
 * block's name and attributes, so the converter can treat each block by kind.
 */
import type { Comment, Element, ElementContent, ElementData, Parents } from "hast";
import "./hast-data";

export type BlockData = { name: string; attrs: Record<string, unknown>; selfClosing: boolean };
export type BlockElement = Element & { tagName: "wp-block"; data: { block: BlockData } };

// WordPress's delimiter grammar: `wp:` then an optional namespace, the name,
// optional JSON attributes, optional `/` for a void block.
const DELIMITER = /^\s*(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+(\{[\s\S]*\}\s+)?(\/)?\s*$/;

type Delimiter = { closer: boolean; name: string; attrs: Record<string, unknown>; void: boolean };

export function parseDelimiter(comment: string): Delimiter | null {
  const m = DELIMITER.exec(comment.endsWith(" ") ? comment : `${comment} `);
  if (!m) return null;
  let attrs: Record<string, unknown> = {};
  if (m[4]) {
    try {
      const parsed = JSON.parse(m[4]);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) attrs = parsed;
    } catch {
      // Broken attribute JSON: the block's HTML is still there to convert.
    }
  }
  const ns = m[2] ? m[2].slice(0, -1) : "core";
  return { closer: Boolean(m[1]), name: ns === "core" ? m[3] : `${ns}/${m[3]}`, attrs, void: Boolean(m[5]) };
}

export function hasBlocks(html: string): boolean {
  return html.includes("<!-- wp:");
}

/** Wraps every block in the tree (at any depth) in a `wp-block` element. */
export function groupBlocks(parent: Parents): void {
  const kids = parent.children as ElementContent[];
  const out: ElementContent[] = [];
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i];
    const d = node.type === "comment" ? parseDelimiter((node as Comment).value) : null;
    if (!d) {
      out.push(node);
      continue;
    }
    if (d.closer) continue; // a stray closer: nothing to pair it with
    const el: BlockElement = {
      type: "element",
      tagName: "wp-block",
      properties: {},
      children: [],
      // (hast-util-from-parse5 declares `position` required in ElementData; it is optional in practice.)
      data: { block: { name: d.name, attrs: d.attrs, selfClosing: d.void } } as ElementData & { block: BlockData },
    };
    if (!d.void) {
      // Find the matching closer, counting nested openers of the same name.
      let depth = 0;
      let end = -1;
      for (let j = i + 1; j < kids.length; j++) {
        const c = kids[j];
        const e = c.type === "comment" ? parseDelimiter((c as Comment).value) : null;
        if (!e || e.name !== d.name || e.void) continue;
        if (!e.closer) depth++;
        else if (depth === 0) {
          end = j;
          break;
        } else depth--;
      }
      if (end < 0) {
        // Never closed: treat the opener as void and keep the HTML after it as ordinary content.
        el.data.block.selfClosing = true;
      } else {
        el.children = kids.slice(i + 1, end);
        i = end;
      }
    }
    out.push(el);
  }
  parent.children = out as typeof parent.children;
  for (const child of parent.children as ElementContent[]) if (child.type === "element") groupBlocks(child);
}
