// MDX bodies as syntax trees (mdast with MDX's JSX and expression nodes),
// parsed the way the renderer parses them: remark-mdx for the MDX syntax and
// remark-gfm for tables, autolinks and strikethrough (contentlayer.config.ts
// compiles with the same plugin). Every analysis of a body walks this tree;
// none matches markup with regular expressions.
import type { Root } from "mdast";
import type {} from "mdast-util-mdx";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

export type MdxSyntaxError = { line: number; column: number; message: string };

/** The body's tree, or where and why it is not valid MDX. */
export function parseMdx(body: string): { tree: Root; error?: undefined } | { tree?: undefined; error: MdxSyntaxError } {
  try {
    return { tree: parser.runSync(parser.parse(body)) as Root };
  } catch (e) {
    const err = e as { place?: { line?: number; column?: number; start?: { line: number; column: number } }; line?: number; column?: number; reason?: string; message?: string };
    const reason = err.reason ?? String(err.message ?? e);
    const place = err.place && "start" in err.place && err.place.start ? err.place.start : err.place;
    // Some of micromark's messages carry their position only in the text: "… (5:1-5:10)".
    const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(reason.split("\n")[0]);
    return {
      error: {
        line: place?.line ?? err.line ?? (inText ? Number(inText[1]) : 1),
        column: place?.column ?? err.column ?? (inText ? Number(inText[2]) : 1),
        message: mdxMessage(reason.replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)\s*$/m, "")),
      },
    };
  }
}

/**
 * micromark's messages are written for developers ("Unexpected character `!`
 * (U+0021) before name, expected a character that can start a name, such as a
 * letter, `$`, or `_`"); an editor needs to know it is about a tag and how to
 * write a literal < or {.
 */
function mdxMessage(reason: string): string {
  const first = reason.split("\n")[0].replace(/\s+$/, "");
  if (/Expected a closing tag for `<(\w+)>`/.test(first)) {
    const name = /`<(\w+)>`/.exec(first)?.[1];
    return `<${name}> is opened but never closed; add </${name}> or write it self-closing as <${name} />`;
  }
  if (/Unexpected closing tag `<\/(\w+)>`/.test(first)) {
    const name = /`<\/(\w+)>`/.exec(first)?.[1];
    return `</${name}> closes a tag that is not open here; check the tags above it`;
  }
  if (/before name|after name|in name|before attribute|after attribute|in attribute|after self-closing|before closing/i.test(first))
    return `a tag is not written correctly (${first.replace(/^Unexpected /, "unexpected ")}); to show a literal < write &lt;`;
  if (/expression|acorn|Could not parse/i.test(first))
    return `a {…} expression is not valid (${first}); to show a literal { write \\{`;
  if (/Unexpected end of file/i.test(first)) return `the file ends inside a tag or {…} expression that was never closed (${first})`;
  return `not valid MDX: ${first}`;
}
