import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { yamlDocument, yamlString } from "./frontmatter";

describe("the importer's YAML", () => {
  it("reads back exactly what was written, for awkward strings too", () => {
    const strings = [
      "Cat–cow stretch for stiff mornings",
      "Tips: and tricks",
      "ends with colon:",
      "# not a comment",
      "- not a list",
      "yes",
      "No",
      "null",
      "2024-05-01",
      "12",
      "1e3",
      " leading space",
      'She said "stop" & left',
      "it's fine",
      "back #pain",
      "line\nbreak",
      "tab\there",
      "[bracketed]",
      "{braced}",
      "@handle",
      "`tick`",
      "%percent",
      "",
      "Ryggvänlig träning – kontoret",
      "emoji 🙂 ok",
    ];
    const doc = yamlDocument({ list: strings, ...Object.fromEntries(strings.map((s, i) => [`k${i}`, s])) });
    const back = YAML.parse(doc, { schema: "yaml-1.1" });
    expect(back.list).toEqual(strings);
    strings.forEach((s, i) => expect(back[`k${i}`]).toBe(s));
    expect(YAML.parse(doc).list).toEqual(strings);
  });

  it("writes plain words plainly, nested maps indented and dates as UTC seconds", () => {
    expect(
      yamlDocument({
        title: "Walking after work",
        published: new Date("2023-11-16T17:00:00Z"),
        tags: ["Walking", "Exercises"],
        hero: { src: "/images/a.png", alt: "A path: gravel" },
        draft: true,
        skipped: undefined,
      }),
    ).toBe(
      'title: Walking after work\npublished: 2023-11-16T17:00:00Z\ntags:\n  - Walking\n  - Exercises\nhero:\n  src: /images/a.png\n  alt: "A path: gravel"\ndraft: true\n',
    );
    expect(yamlString("true")).toBe('"true"');
  });
});
