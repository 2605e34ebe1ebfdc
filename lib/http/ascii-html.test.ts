import { describe, expect, it } from "vitest";
import { asciiHtml } from "./ascii-html.mjs";

// What a browser makes of a document: the text and attributes with
// character references decoded, and each script's program text.
function decodeRefs(s: string) {
  return s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
}

describe("asciiHtml", () => {
  it("leaves a pure-ASCII document as it was", () => {
    const html = "<!DOCTYPE html><html><body><p>Plain &amp; simple</p></body></html>";
    expect(asciiHtml(html)).toBe(html);
  });

  it("writes characters in text and attributes as character references", () => {
    const out = asciiHtml('<p title="Café">SpineEase™ — 5 € 😀</p>');
    expect(out).toMatch(/^[\x00-\x7f]*$/);
    expect(out).toBe('<p title="Caf&#233;">SpineEase&#8482; &#8212; 5 &#8364; &#128512;</p>');
    expect(decodeRefs(out)).toBe('<p title="Café">SpineEase™ — 5 € 😀</p>');
  });

  it("escapes inside scripts as JavaScript/JSON escapes, so the program means the same", () => {
    const payload = 'self.__next_f.push([1,"2:[\\"$\\",\\"p\\",null,{\\"children\\":\\"SpineEase™ 😀 \\\\\\\\™\\"}]\\n"])';
    const json = JSON.stringify({ name: "Núria™", text: "a\\\\b ©" });
    const out = asciiHtml(`<script>${payload}</script><script type="application/ld+json">${json}</script>`);
    expect(out).toMatch(/^[\x00-\x7f]*$/);
    const [, js, ld] = out.match(/^<script>([\s\S]*?)<\/script><script type="application\/ld\+json">([\s\S]*?)<\/script>$/)!;
    const pushed: unknown[] = [];
    new Function("self", js)({ __next_f: { push: (x: unknown) => pushed.push(x) } });
    expect(pushed).toEqual([[1, '2:["$","p",null,{"children":"SpineEase™ 😀 \\\\™"}]\n']]);
    expect(JSON.parse(ld)).toEqual({ name: "Núria™", text: "a\\\\b ©" });
  });

  it("escapes inside style elements as CSS escapes", () => {
    expect(asciiHtml('<style>.q::before{content:"“"}</style>')).toBe('<style>.q::before{content:"\\00201c"}</style>');
  });

  it("rewrites a page-sized document completely", () => {
    const out = asciiHtml('<p>™</p><script>x="é"</script>'.repeat(2000));
    expect(out).toBe('<p>&#8482;</p><script>x="\\u00e9"</script>'.repeat(2000));
  });
});
