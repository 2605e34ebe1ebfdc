// Plain JavaScript (not TypeScript): Next's `cacheHandler` loads
// ascii-page-cache.mjs with Node's own import at run time, unbundled.

const NON_ASCII = /[^\x00-\x7f]/;
const PIECES = /<script\b[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|[^\x00-\x7f]+/gi;
// Scripts escape UTF-16 code units (\ud83d\ude00 is how JS spells an emoji);
// CSS escapes whole code points.
const NON_ASCII_UNITS = /[^\x00-\x7f]/g;
const NON_ASCII_POINTS = /[^\x00-\x7f]/gu;

const jsEscape = (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");
const cssEscape = (ch) => "\\" + ch.codePointAt(0).toString(16).padStart(6, "0");
const charRefs = (text) => {
  let out = "";
  for (const ch of text) out += "&#" + ch.codePointAt(0) + ";";
  return out;
};

/**
 * The same HTML document with every non-ASCII character written in ASCII:
 * a character reference in text and attributes, a `\uXXXX` escape inside
 * scripts (Next's RSC payload and JSON-LD are string literals), a CSS escape
 * inside style elements. A browser reads the same document.
 *
 * Why: Node writes a string that holds one character above U+00FF (™, an
 * accented commenter name, an emoji) about ten times slower than a one-byte
 * string; measured in docs/performance.md. Next serves prerendered pages as
 * strings: on the article page one ™ cost a third of its throughput.
 *
 * Sound for markup React produces: it escapes `<` in text and attribute
 * values, so `<script` and `<style` only ever open real elements, and JSON
 * strings never put an unescaped backslash right before a non-ASCII character.
 *
 * @param {string} html
 * @returns {string}
 */
export function asciiHtml(html) {
  const ascii = NON_ASCII.test(html)
    ? html.replace(PIECES, (piece) => {
        if (piece.charCodeAt(0) !== 60 /* < */) return charRefs(piece);
        return /^<script/i.test(piece) ? piece.replace(NON_ASCII_UNITS, jsEscape) : piece.replace(NON_ASCII_POINTS, cssEscape);
      })
    : html;
  // V8 keeps a string built from a two-byte one two-byte even when every
  // character is now ASCII; a round trip through latin1 bytes yields the
  // one-byte string that Node can write quickly.
  return Buffer.from(ascii, "latin1").toString("latin1");
}
