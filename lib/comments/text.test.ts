import { describe, expect, it } from "vitest";
import { countLinks, renderCommentHtml } from "./text";

describe("comment text rendering", () => {
  it("makes paragraphs and line breaks", () => {
    expect(renderCommentHtml("one\ntwo\n\n\nthree")).toBe("<p>one<br>two</p><p>three</p>");
  });

  it("shows HTML and script as text", () => {
    const html = renderCommentHtml('<script>alert("x")</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>");
  });

  it("links bare URLs as user-generated, without swallowing trailing punctuation", () => {
    expect(renderCommentHtml("See https://example.org/a?b=1&c=2.")).toBe(
      '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="ugc nofollow noopener" target="_blank">https://example.org/a?b=1&amp;c=2</a>.</p>',
    );
  });

  it("cannot smuggle markup through a URL", () => {
    const html = renderCommentHtml('https://example.org/"><script>x</script>');
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/href="[^"]*"[^ >]/);
  });

  it("does not link javascript: or other schemes", () => {
    expect(renderCommentHtml("javascript:alert(1)")).toBe("<p>javascript:alert(1)</p>");
  });

  it("supports *emphasis* and leaves lone asterisks alone", () => {
    expect(renderCommentHtml("this *really* helped, 2 * 3 = 6")).toBe("<p>this <em>really</em> helped, 2 * 3 = 6</p>");
  });

  it("counts links for the moderation rules", () => {
    expect(countLinks("a https://x.example b http://y.example/z c")).toBe(2);
    expect(countLinks("no links here")).toBe(0);
  });
});
