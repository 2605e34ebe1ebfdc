/**
 * Bytes of an export file to text, the way a careful reader would: a byte
 * order mark wins, then the XML declaration's encoding, then UTF-8. Real
 * exports are not always what they say: a "UTF-8" file with a few
 * Windows-1252 bytes (a comment pasted from Word, a plugin that wrote
 * Latin-1) is common, and a strict decoder would refuse the whole file.
 * So UTF-8 is decoded strictly first and, if that fails, again with each
 * invalid byte read as Windows-1252 (the encoding such bytes nearly always
 * come from), and the reader is told how many bytes were repaired.
 */

export type Sniffed = { encoding: string; bomLength: number; declared: string | null };

export function sniffEncoding(head: Uint8Array): Sniffed {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bomLength: 3, declared: null };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2, declared: null };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bomLength: 2, declared: null };
  // The declaration is ASCII by definition; read it as Latin-1 so no byte is lost.
  const start = new TextDecoder("latin1").decode(head.subarray(0, 256));
  const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(start);
  const declared = m ? m[1] : null;
  if (!declared) return { encoding: "utf-8", bomLength: 0, declared: null };
  try {
    // TextDecoder knows the WHATWG labels (iso-8859-1 → windows-1252, etc.).
    const encoding = new TextDecoder(declared).encoding;
    // A UTF-16 declaration without a BOM in an ASCII-readable head is a lie; the bytes are 8-bit.
    return { encoding: encoding.startsWith("utf-16") ? "utf-8" : encoding, bomLength: 0, declared };
  } catch {
    return { encoding: "utf-8", bomLength: 0, declared };
  }
}

// Windows-1252's 0x80–0x9F; the rest of the byte range maps to the same code point (Latin-1).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const cp1252 = (b: number) => String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b);

/** Length of the valid UTF-8 sequence starting at i, or 0 if the byte there starts none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (need === 0 || i + need > bytes.length) return need === 0 ? 0 : -1;
  for (let k = 1; k < need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  // Overlong three- and four-byte forms and surrogates are invalid too.
  if (b === 0xe0 && bytes[i + 1] < 0xa0) return 0;
  if (b === 0xed && bytes[i + 1] >= 0xa0) return 0;
  if (b === 0xf0 && bytes[i + 1] < 0x90) return 0;
  if (b === 0xf4 && bytes[i + 1] >= 0x90) return 0;
  return need;
}

/**
 * A streaming UTF-8 decoder that reads each invalid byte as Windows-1252
 * instead of failing. `repaired` counts those bytes.
 */
export class RepairingUtf8Decoder {
  repaired = 0;
  private carry = new Uint8Array(0);
  private readonly utf8 = new TextDecoder("utf-8");

  decode(chunk: Uint8Array, final = false): string {
    const bytes = this.carry.length ? concat(this.carry, chunk) : chunk;
    this.carry = new Uint8Array(0);
    let out = "";
    let runStart = 0;
    let i = 0;
    while (i < bytes.length) {
      if (bytes[i] < 0x80) {
        i++;
        continue;
      }
      const n = utf8SequenceLength(bytes, i);
      if (n > 0) {
        i += n;
        continue;
      }
      if (n < 0 && !final) {
        // An incomplete sequence at the end of the chunk: wait for the next one.
        out += this.utf8.decode(bytes.subarray(runStart, i));
        this.carry = bytes.slice(i);
        return out;
      }
      out += this.utf8.decode(bytes.subarray(runStart, i)) + cp1252(bytes[i]);
      this.repaired++;
      i++;
      runStart = i;
    }
    return out + this.utf8.decode(bytes.subarray(runStart));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
