import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readWxrFile, WxrError } from "./reader";

const FIXTURE = path.join(import.meta.dirname, "../../../e2e/fixtures/wordpress/spine-notes.xml");
const dir = mkdtempSync(path.join(os.tmpdir(), "wxr-"));
const file = (name: string, data: string | Buffer) => {
  const f = path.join(dir, name);
  writeFileSync(f, data);
  return f;
};

const WP_HEAD = (encoding = "UTF-8") =>
  `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>T</title><wp:wxr_version>1.1</wp:wxr_version><wp:base_site_url>https://t.example</wp:base_site_url>\n`;
const item = (title: string, content = "") =>
  `<item><title>${title}</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><content:encoded><![CDATA[${content}]]></content:encoded></item>\n`;
const WP_TAIL = "</channel></rss>\n";

describe("reading a WXR export", () => {
  it("reads the fixture's site, authors, terms, items, post meta and comments, with line numbers", async () => {
    const x = await readWxrFile(FIXTURE);
    expect(x.site).toMatchObject({ title: "Spine Notes", wxrVersion: "1.2", baseSiteUrl: "https://old.spine-notes.example" });
    expect(x.authors.map((a) => a.login)).toEqual(["maria", "jon", "praman", "dwhit"]);
    expect(x.terms.filter((t) => t.taxonomy === "category").map((t) => [t.slug, t.parent])).toContainEqual(["exercises", "movement"]);
    expect(x.items).toHaveLength(22);
    const walking = x.items.find((i) => i.id === "12")!;
    expect(walking.meta._thumbnail_id).toBe("104");
    expect(walking.comments.map((c) => [c.id, c.parent, c.approved, c.type])).toContainEqual(["203", "202", "1", "comment"]);
    expect(walking.comments[0].line).toBeGreaterThan(walking.line);
    expect(x.items[0].line).toBe(38);
    // A CDATA section split by WordPress's exporter reads as one text; control characters are kept for the converter to drop.
    expect(x.items.find((i) => i.id === "19")!.content).toContain("split in two ]]> must read");
    // Footnotes meta is JSON inside CDATA.
    expect(JSON.parse(x.items.find((i) => i.id === "11")!.meta.footnotes)[0].id).toBe("fn-one");
  });

  it("reads WXR 1.1 and an ISO-8859-1 file by its declaration", async () => {
    const latin = Buffer.concat([
      Buffer.from(WP_HEAD("ISO-8859-1")),
      Buffer.from(item("Caf\xe9 cr\xe8me", "na\xefve"), "latin1"),
      Buffer.from(WP_TAIL),
    ]);
    const x = await readWxrFile(file("latin1.xml", latin));
    expect(x.site.wxrVersion).toBe("1.1");
    expect(x.items[0].title).toBe("Café crème");
    expect(x.items[0].content).toBe("naïve");
  });

  it("repairs a UTF-8 file with stray Windows-1252 bytes and says so", async () => {
    const mixed = Buffer.concat([
      Buffer.from(WP_HEAD() + item("Crème")),
      Buffer.from([0x3c, 0x21, 0x2d, 0x2d, 0x93, 0x2d, 0x2d, 0x3e]),
      Buffer.from(item("It\x92s", ""), "latin1"),
      Buffer.from(WP_TAIL),
    ]);
    const x = await readWxrFile(file("mixed.xml", mixed));
    expect(x.items.map((i) => i.title)).toEqual(["Crème", "It’s"]);
    expect(x.notes.join(" ")).toMatch(/2 byte\(s\) were read as Windows-1252/);
  });

  it("reads a file with a byte order mark, and UTF-16", async () => {
    const bom = await readWxrFile(
      file("bom.xml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(WP_HEAD() + item("BOM") + WP_TAIL)])),
    );
    expect(bom.items[0].title).toBe("BOM");
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from((WP_HEAD("UTF-16") + item("Wide ü") + WP_TAIL).replace('encoding="UTF-16"', 'encoding="UTF-16"'), "utf16le"),
    ]);
    expect((await readWxrFile(file("utf16.xml", utf16))).items[0].title).toBe("Wide ü");
  });

  it("carries on through XML that WordPress writes but XML forbids: bare & and control characters", async () => {
    const x = await readWxrFile(file("lax.xml", WP_HEAD() + item("Tips & tricks \u0001", "ok") + WP_TAIL));
    expect(x.items[0].title).toBe("Tips & tricks \u0001");
  });

  it.each([
    ["empty.xml", "", /is empty/],
    [
      "feed.xml",
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>x</title></item></channel></rss>`,
      /RSS feed without WordPress/,
    ],
    ["page.html", "<!doctype html><html><body>hi</body></html>", /first element is <html>/],
    ["notes.txt", "just some text", /not XML/],
    [
      "cut.xml",
      WP_HEAD() + item("One") + "<item><title>Two</title><content:encoded><![CDATA[half a po",
      /cut short: it ends inside <item> that starts on line 5/,
    ],
    ["binary.gz", Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x01]), /not XML/],
  ])("refuses %s with a message saying why", async (name, data, message) => {
    await expect(readWxrFile(file(name, data))).rejects.toThrow(message);
    await expect(readWxrFile(file(name, data))).rejects.toBeInstanceOf(WxrError);
  });

  it("refuses a missing file and a folder", async () => {
    await expect(readWxrFile(path.join(dir, "nope.xml"))).rejects.toThrow(/no such file/);
    const sub = path.join(dir, "folder.xml");
    mkdirSync(sub, { recursive: true });
    await expect(readWxrFile(sub)).rejects.toThrow(/is a directory/);
  });
});
