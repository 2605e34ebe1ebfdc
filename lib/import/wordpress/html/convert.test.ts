import { compile } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { assertMdxSyntax, convertBody, type Converted } from "./convert";
import type { AttachmentInfo, ConvertContext } from "./prepare";

const attachments: Record<string, AttachmentInfo> = {
  "7": {
    id: "7",
    url: "https://old.example/wp-content/uploads/2024/01/bridge.jpg",
    alt: "A low bridge over a stream",
    caption: "",
    title: "",
  },
  "8": { id: "8", url: "https://old.example/wp-content/uploads/2024/01/IMG_2001.jpg", alt: "", caption: "", title: "IMG_2001" },
};

function ctx(over: Partial<ConvertContext> = {}): ConvertContext {
  return {
    link: (href) => (href.includes("old.example/2020/01/known") ? { url: "/articles/known" } : { url: href }),
    media: (src) => ({ url: src.replace(/^http:/, "https:") }),
    attachment: (id) => attachments[id],
    attachmentsOfPost: () => Object.values(attachments),
    reusableBlock: (id) => (id === "99" ? "<!-- wp:paragraph --><p>From a reusable block.</p><!-- /wp:paragraph -->" : undefined),
    footnotes: [],
    ...over,
  };
}

const convert = (html: string, over: Partial<ConvertContext> = {}) => convertBody(html, ctx(over));

/** The proof that matters: MDX compiles it (with the GFM the site uses). */
async function compiles(r: Converted) {
  await expect(compile(r.mdx, { remarkPlugins: [remarkGfm] })).resolves.toBeTruthy();
}

describe("classic editor HTML", () => {
  it("makes paragraphs from blank lines and line breaks from single newlines, as wpautop does", async () => {
    const r = convert("First paragraph\nstill the first.\n\nSecond paragraph.\n<h2>A heading</h2>\nText after it.");
    expect(r.mdx).toBe("First paragraph\\\nstill the first.\n\nSecond paragraph.\n\n## A heading\n\nText after it.\n");
    await compiles(r);
  });

  it("keeps nested lists, tables, quotes and preformatted text", async () => {
    const r = convert(
      "<ul>\n<li>One\n<ul><li>One a</li></ul></li>\n<li>Two</li>\n</ul>\n<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>\n<blockquote>Quoted\n\nTwice</blockquote>\n<pre>  indented\ncode</pre>",
    );
    expect(r.mdx).toContain("- One\n  - One a\n- Two");
    expect(r.mdx).toContain("| A | B |\n| - | - |\n| 1 | 2 |");
    expect(r.mdx).toContain("> Quoted\n>\n> Twice");
    expect(r.mdx).toContain("```\n  indented\ncode\n```");
    await compiles(r);
  });

  it("escapes what MDX would read as code: braces, angle brackets, import/export at a line start", async () => {
    const r = convert("Use {name} &lt;Widget&gt; a &lt; b\nimport this\nexport that\n\n<!-- a comment -->Done.");
    expect(r.mdx).toBe("Use &#123;name} &lt;Widget> a &lt; b\\\n&#x69;mport this\\\n&#x65;xport that\n\nDone.\n");
    expect(r.mdx).not.toMatch(/<!--/);
    await compiles(r);
  });

  it("turns [caption] into a <Figure> with its caption, and fills a missing alt text from it (reported)", async () => {
    const r = convert(
      'Intro.\n\n[caption id="attachment_5" align="alignnone" width="300"]<a href="https://old.example/wp-content/uploads/a.jpg"><img src="https://old.example/wp-content/uploads/a-300x200.jpg" alt="" /></a> A stretch on the floor[/caption]\n\nAfter.',
    );
    expect(r.mdx).toContain(
      '<Figure src="https://old.example/wp-content/uploads/a-300x200.jpg" alt="A stretch on the floor" caption="A stretch on the floor" />',
    );
    expect(r.issues).toEqual([{ code: "alt-text", line: 3, message: expect.stringContaining("taken from its caption") }]);
    await compiles(r);
  });

  it("expands [gallery] from the media library, with alt text from the library or the file name", async () => {
    const r = convert('[gallery ids="7,8"]');
    expect(r.figures).toEqual([
      { src: attachments["7"].url, alt: "A low bridge over a stream" },
      { src: attachments["8"].url, alt: "Image" },
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(["alt-text"]);
    await compiles(r);
  });

  it("links embeds instead of loading a player: [embed], bare iframes and Jetpack's [youtube]", async () => {
    const r = convert(
      '[embed]https://youtu.be/abcdefghijk[/embed]\n\n<iframe src="https://player.vimeo.com/video/123456789" title="Warm-up"></iframe>\n\n[youtube=https://www.youtube.com/watch?v=zzzzzzzzzzz]',
    );
    expect(r.mdx).toBe(
      "[Video on YouTube](https://www.youtube.com/watch?v=abcdefghijk)\n\n[Video on Vimeo: Warm-up](https://vimeo.com/123456789)\n\n[Video on YouTube](https://www.youtube.com/watch?v=zzzzzzzzzzz)\n",
    );
    expect(r.mdx).not.toMatch(/iframe|script/);
    await compiles(r);
  });

  it("a provider's address alone on a line was an auto-embed: it becomes a link; other bare addresses stay text", async () => {
    const r = convert("Watch:\n\nhttps://youtu.be/abcdefghijk\n\nhttps://www.example.org/page");
    expect(r.mdx).toBe("Watch:\n\n[Video on YouTube](https://www.youtube.com/watch?v=abcdefghijk)\n\nhttps://www.example.org/page\n");
  });

  it("leaves unknown shortcodes visible and reports them on their line; escaped ones and bracketed prose are text", async () => {
    const r = convert('Para one.\n\n[contact-form-7 id="4" title="Ask"]\n\n[[gallery]] and [sic] and [1].');
    expect(r.mdx).toBe('Para one.\n\n\\[contact-form-7 id="4" title="Ask"]\n\n\\[gallery] and \\[sic] and \\[1].\n');
    expect(r.issues).toEqual([{ code: "unknown-shortcode", line: 3, message: expect.stringContaining("[contact-form-7") }]);
    await compiles(r);
  });

  it("turns [code] into a fenced block without touching its text", async () => {
    const r = convert('[code language="js"]\nconst a = {b: 1};\n\n\n  \nif (a < 2) go();\n[/code]');
    expect(r.mdx).toBe("```js\nconst a = {b: 1};\n\n\n  \nif (a < 2) go();\n```\n");
    await compiles(r);
  });

  it("removes scripts, forms and unknown tags, keeping a note for each", async () => {
    const r = convert('Before.<script>alert(1)</script>\n\n<form><input name="q"></form>\n\nA <blink2>custom</blink2> tag.');
    expect(r.mdx).toBe("Before.\n\nA custom tag.\n");
    expect(r.issues.map((i) => i.code).sort()).toEqual(["removed", "removed", "removed"]);
    await compiles(r);
  });

  it("rewrites links into the old site, and demotes headings when the post used <h1>", async () => {
    const r = convert(
      '<h1>Top</h1><h2>Sub</h2><p><a href="http://old.example/2020/01/known/">known</a> <a href="javascript:alert(1)">bad</a></p>',
    );
    expect(r.mdx).toBe("## Top\n\n### Sub\n\n[known](/articles/known) bad\n");
    expect(r.issues.map((i) => i.code)).toEqual(["link"]);
  });

  it("in-page links: kept when they name a heading, moved to a heading's new id, removed (and reported) otherwise", async () => {
    const r = convert(
      '<p><a href="#why-it-helps">why</a> <a href="#old-id">old</a> <a href="#wrapper">top</a></p><h2>Why it helps</h2><h2 id="old-id">Second part</h2>',
    );
    expect(r.mdx).toBe("[why](#why-it-helps) [old](#second-part) top\n\n## Why it helps\n\n## Second part\n");
    expect(r.issues).toEqual([{ code: "link", line: 1, message: expect.stringContaining("#wrapper") }]);
  });

  it("a paragraph of images alone becomes figures; an inline image stays inline", async () => {
    const r = convert(
      '<p><img src="https://x.example/a.png" alt="A"><img src="https://x.example/b.png" alt="B"></p><p>Text <img src="https://x.example/c.png" alt="C"> more</p>',
    );
    expect(r.mdx).toBe(
      '<Figure src="https://x.example/a.png" alt="A" />\n\n<Figure src="https://x.example/b.png" alt="B" />\n\nText ![C](https://x.example/c.png) more\n',
    );
    await compiles(r);
  });
});

describe("block editor HTML", () => {
  it("converts core blocks: image with caption, gallery, pullquote, table, separator, code, buttons", async () => {
    const html = [
      '<!-- wp:image {"id":7} --><figure class="wp-block-image"><img src="https://old.example/wp-content/uploads/2024/01/bridge-1024x768.jpg" alt=""/><figcaption>Over the stream</figcaption></figure><!-- /wp:image -->',
      '<!-- wp:gallery --><figure class="wp-block-gallery"><!-- wp:image {"id":8} --><figure class="wp-block-image"><img src="https://old.example/g1.jpg" alt="G1"/></figure><!-- /wp:image --><!-- wp:image --><figure class="wp-block-image"><img src="https://old.example/g2.jpg" alt="G2"/><figcaption>Two</figcaption></figure><!-- /wp:image --></figure><!-- /wp:gallery -->',
      '<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Quote me.</p><cite>Someone</cite></blockquote></figure><!-- /wp:pullquote -->',
      '<!-- wp:table --><figure class="wp-block-table"><table><tbody><tr><td>a</td><td>b</td></tr></tbody></table></figure><!-- /wp:table -->',
      '<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->',
      '<!-- wp:code --><pre class="wp-block-code"><code class="language-python">print("hi")</code></pre><!-- /wp:code -->',
      '<!-- wp:buttons --><div class="wp-block-buttons"><!-- wp:button --><div class="wp-block-button"><a class="wp-block-button__link" href="https://x.example/go">Go</a></div><!-- /wp:button --></div><!-- /wp:buttons -->',
    ].join("\n\n");
    const r = convert(html);
    expect(r.mdx).toBe(
      [
        '<Figure src="https://old.example/wp-content/uploads/2024/01/bridge-1024x768.jpg" alt="A low bridge over a stream" caption="Over the stream" />',
        '<Figure src="https://old.example/g1.jpg" alt="G1" />',
        '<Figure src="https://old.example/g2.jpg" alt="G2" caption="Two" />',
        "> Quote me.\n>\n> Someone",
        "|   |   |\n| - | - |\n| a | b |",
        "---",
        '```python\nprint("hi")\n```',
        "[Go](https://x.example/go)",
      ].join("\n\n") + "\n",
    );
    expect(r.issues).toEqual([]);
    await compiles(r);
  });

  it("embeds, reusable blocks and footnotes", async () => {
    const html = [
      '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abcdefghijk","providerNameSlug":"youtube"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://www.youtube.com/watch?v=abcdefghijk</div><figcaption>Warm-up</figcaption></figure><!-- /wp:embed -->',
      '<!-- wp:core-embed/vimeo {"url":"https://vimeo.com/123456789"} --><figure><div>https://vimeo.com/123456789</div></figure><!-- /wp:core-embed/vimeo -->',
      '<!-- wp:block {"ref":99} /-->',
      '<!-- wp:paragraph --><p>Claim<sup data-fn="f1" class="fn"><a href="#f1" id="f1-link">1</a></sup>.</p><!-- /wp:paragraph -->',
      "<!-- wp:footnotes /-->",
    ].join("\n");
    const r = convert(html, { footnotes: [{ id: "f1", content: "A <em>source</em>." }] });
    expect(r.mdx).toBe(
      "[Video on YouTube: Warm-up](https://www.youtube.com/watch?v=abcdefghijk)\n\n[Video on Vimeo](https://vimeo.com/123456789)\n\nFrom a reusable block.\n\nClaim[^1].\n\n[^1]: A _source_.\n",
    );
    await compiles(r);
  });

  it("keeps unknown blocks' HTML, marks blocks with nothing to show, and reports both with their lines", async () => {
    const r = convert(
      '<!-- wp:paragraph --><p>One.</p><!-- /wp:paragraph -->\n<!-- wp:latest-posts {"postsToShow":3} /-->\n<!-- wp:acme/faq --><div><p>Q and A</p></div><!-- /wp:acme/faq -->\n<!-- wp:block {"ref":404} /-->',
    );
    expect(r.mdx).toBe(
      "One.\n\n\\[WordPress block “core/latest-posts” not imported]\n\nQ and A\n\n\\[WordPress reusable block 404 not imported]\n",
    );
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ["dynamic-block", 3],
      ["unknown-block", 5],
      ["dynamic-block", 7],
    ]);
    await compiles(r);
  });

  it("applies automatic paragraphs to a classic block and loose text inside block content", async () => {
    const r = convert(
      "<!-- wp:freeform -->Line one\nline two\n\nNext<!-- /wp:freeform -->\n<!-- wp:paragraph --><p>Block.</p><!-- /wp:paragraph -->",
    );
    expect(r.mdx).toBe("Line one\\\nline two\n\nNext\n\nBlock.\n");
  });
});

describe("robustness", () => {
  it("every case above and a hostile mix compile; the text for descriptions has no markup", async () => {
    const hostile =
      "<p>{{first_name}} </p></div><div><p>unclosed <b>bold <i>both</p>\n\n<!--more-->\nexport default function X() {}\n\n<svg><script>x</script></svg>\u0007bell & ]]> [/orphan]";
    const r = convert(hostile);
    await compiles(r);
    expect(r.text).not.toMatch(/<\w|&#/);
  });

  it("the syntax check that guards every post refuses what MDX refuses", () => {
    // (Tag balance is not its job: the converter only ever writes childless, self-closing components.)
    for (const bad of ["<div", "a {1 +} b", "import x from", "a <b c"]) expect(() => assertMdxSyntax(bad), bad).toThrow();
    expect(() => assertMdxSyntax('Text &#123; &lt;b> <Figure src="a" alt="b" />')).not.toThrow();
  });

  it("an empty post converts to an empty body", () => {
    expect(convert("").mdx).toBe("\n");
  });
});
