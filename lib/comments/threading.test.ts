import { describe, expect, it } from "vitest";
import { buildThreads, countComments } from "./threading";

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n));
const c = (id: string, parentId: string | null, minute: number) => ({ id, parentId, createdAt: at(minute) });
const shape = (nodes: ReturnType<typeof buildThreads>): unknown => nodes.map((n) => [n.comment.id, n.depth, shape(n.replies)]);

describe("threads", () => {
  it("orders oldest first at every level", () => {
    const t = buildThreads([c("b", null, 2), c("a", null, 1), c("a2", "a", 5), c("a1", "a", 3)]);
    expect(shape(t)).toEqual([
      [
        "a",
        1,
        [
          ["a1", 2, []],
          ["a2", 2, []],
        ],
      ],
      ["b", 1, []],
    ]);
  });

  it("attaches replies deeper than the limit to the deepest level", () => {
    const t = buildThreads([c("1", null, 1), c("2", "1", 2), c("3", "2", 3), c("4", "3", 4), c("5", "4", 5)], 3);
    expect(shape(t)).toEqual([
      [
        "1",
        1,
        [
          [
            "2",
            2,
            [
              ["3", 3, []],
              ["4", 3, []],
              ["5", 3, []],
            ],
          ],
        ],
      ],
    ]);
  });

  it("keeps a reply whose parent is not shown at the top level", () => {
    expect(shape(buildThreads([c("r", "held", 1)]))).toEqual([["r", 1, []]]);
  });

  it("counts every comment in every thread", () => {
    expect(countComments(buildThreads([c("1", null, 1), c("2", "1", 2), c("3", null, 3)]))).toBe(3);
  });
});
