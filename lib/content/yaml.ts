import { LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { Pos } from "./body-facts";

/**
 * A YAML text parsed the way every content file is read, with what its
 * problem reports need: `at` turns an offset into a line and column
 * (`firstLine` is where the text starts in its file, for frontmatter; an
 * unknown offset is that first line), and `atPath` is where the nearest node
 * on a path (a schema issue's) that has a position starts.
 */
export function yamlDocument(text: string, firstLine = 1) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: counter });
  const at = (offset: number | undefined): Pos => {
    if (offset === undefined) return { line: firstLine, column: 1 };
    const { line, col } = counter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const atPath = (path: PropertyKey[]): Pos => {
    let node: YamlNode | undefined;
    for (let n = path.length; n >= 0 && !node?.range; n--) node = doc.getIn(path.slice(0, n) as (string | number)[], true) as YamlNode | undefined;
    return at(node?.range?.[0]);
  };
  return { doc, at, atPath };
}
