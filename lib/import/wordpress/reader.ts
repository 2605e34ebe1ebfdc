/**
 * Streams a WXR export into plain records (wxr.ts) without ever holding the
 * XML as a tree: htmlparser2's tokenizer in XML mode is fed the file chunk by
 * chunk and each top-level record (author, term, item) is assembled, handed
 * over and dropped. htmlparser2 rather than a strict XML parser because real
 * exports break XML's rules in ways WordPress itself ignores: control
 * characters pasted into posts, bare `&` in titles, a file cut short. The
 * parser carries on through those; what cannot be carried on from (not XML,
 * not WordPress, truncated) is a WxrError naming the problem, raised before
 * anything is written.
 */
import { createReadStream, statSync } from "node:fs";
import { Parser } from "htmlparser2";
import { RepairingUtf8Decoder, sniffEncoding } from "./decode";
import type { WxrAuthor, WxrComment, WxrExport, WxrItem, WxrSite, WxrTerm } from "./wxr";

export class WxrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WxrError";
  }
}

export type ReadOptions = {
  /** Called as bytes are read, for a progress bar. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

type Node = { name: string; attrs: Record<string, string>; text: string[]; children: Node[]; line: number };

// Namespace URIs → the prefixes this reader uses, whatever prefix the file chose.
function prefixFor(uri: string): string | null {
  if (/wordpress\.org\/export\/[\d.]+\/excerpt\/?$/.test(uri)) return "excerpt";
  if (/wordpress\.org\/export\/[\d.]+\/?$/.test(uri)) return "wp";
  if (/purl\.org\/rss\/1\.0\/modules\/content\/?$/.test(uri)) return "content";
  if (/purl\.org\/dc\/elements\/1\.1\/?$/.test(uri)) return "dc";
  if (/wellformedweb\.org\/CommentAPI\/?$/i.test(uri)) return "wfw";
  return null;
}

const RECORDS = new Set(["item", "wp:author", "wp:category", "wp:tag", "wp:term"]);
const SITE_FIELDS: Record<string, keyof WxrSite> = {
  title: "title",
  link: "link",
  description: "description",
  language: "language",
  "wp:wxr_version": "wxrVersion",
  "wp:base_site_url": "baseSiteUrl",
  "wp:base_blog_url": "baseBlogUrl",
};

/** Reads a whole export file. Throws WxrError when the file is not a readable WordPress export. */
export async function readWxrFile(file: string, options: ReadOptions = {}): Promise<WxrExport> {
  let total: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new WxrError(`${file} is a directory, not an export file`);
    total = st.size;
  } catch (e) {
    if (e instanceof WxrError) throw e;
    throw new WxrError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  if (total === 0) throw new WxrError(`${file} is empty`);
  const open = () => createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    return await readWxr(open(), total, options, false);
  } catch (e) {
    // Declared (or assumed) UTF-8 but not valid UTF-8: read it again, repairing.
    if (e instanceof Utf8Invalid) return readWxr(open(), total, options, true);
    throw e;
  }
}

class Utf8Invalid extends Error {}

/** Reads an export from a byte stream (the file reader above, or a test's buffer). */
export async function readWxr(
  source: AsyncIterable<Uint8Array>,
  totalBytes: number,
  options: ReadOptions = {},
  repairUtf8 = false,
): Promise<WxrExport> {
  const site: WxrSite = { title: "", link: "", description: "", language: "", wxrVersion: "", baseSiteUrl: "", baseBlogUrl: "" };
  const out: WxrExport = { site, authors: [], terms: [], items: [], notes: [], size: 0 };

  const prefixes = new Map<string, string>();
  const stack: string[] = [];
  let rootSeen = false;
  let wordpressNamespace = false;
  let record: Node | null = null;
  const recordStack: Node[] = [];
  let siteField: keyof WxrSite | null = null;
  let siteText: string[] = [];
  let fatal: WxrError | null = null;
  let ending = false;
  let truncatedAt: string | null = null;

  // Line numbers for the report: newlines are counted lazily up to the
  // positions asked for, over the chunks not yet counted.
  let line = 1;
  let countedTo = 0;
  const pending: { start: number; text: string }[] = [];
  const lineAt = (index: number) => {
    while (pending.length && countedTo < index) {
      const c = pending[0];
      const end = Math.min(index, c.start + c.text.length);
      for (let i = countedTo - c.start; i < end - c.start; i++) if (c.text.charCodeAt(i) === 10) line++;
      countedTo = end;
      if (countedTo >= c.start + c.text.length) pending.shift();
      else break;
    }
    return line;
  };
  let fed = 0;

  const normalise = (raw: string) => {
    const i = raw.indexOf(":");
    if (i < 0) return raw;
    const p = prefixes.get(raw.slice(0, i));
    return p ? `${p}:${raw.slice(i + 1)}` : raw;
  };

  const parser = new Parser(
    {
      onopentag(rawName, attrs) {
        if (fatal) return;
        if (!rootSeen) {
          rootSeen = true;
          if (rawName !== "rss") {
            fatal = new WxrError(
              `not a WordPress export: the file's first element is <${rawName}>, a WXR file starts with <rss> (use Tools → Export in WordPress)`,
            );
            parser.pause();
            return;
          }
          for (const [k, v] of Object.entries(attrs)) {
            if (!k.startsWith("xmlns:")) continue;
            const p = prefixFor(v);
            if (p) prefixes.set(k.slice(6), p);
            if (p === "wp") wordpressNamespace = true;
          }
        }
        const name = normalise(rawName);
        stack.push(name);
        const depth = stack.length;
        if (record) {
          const node: Node = { name, attrs, text: [], children: [], line: 0 };
          recordStack[recordStack.length - 1].children.push(node);
          recordStack.push(node);
          if (name === "wp:comment") node.line = lineAt(parser.startIndex);
          return;
        }
        if (depth === 3 && stack[1] === "channel") {
          if (RECORDS.has(name)) {
            record = { name, attrs, text: [], children: [], line: lineAt(parser.startIndex) };
            recordStack.push(record);
          } else if (SITE_FIELDS[name]) {
            siteField = SITE_FIELDS[name];
            siteText = [];
          }
        }
      },
      ontext(text) {
        if (fatal) return;
        if (record) recordStack[recordStack.length - 1].text.push(text);
        else if (siteField) siteText.push(text);
      },
      onclosetag(_name, isImplied) {
        if (fatal) return;
        // Elements still open when the file ends are closed by the parser: the file was cut short.
        if (isImplied && ending && !truncatedAt)
          truncatedAt = record ? `<${record.name}> that starts on line ${record.line}` : `<${stack[stack.length - 1]}>`;
        const name = stack.pop();
        if (record) {
          const node = recordStack.pop()!;
          if (recordStack.length === 0) {
            take(node);
            record = null;
          }
          return;
        }
        if (siteField && stack.length === 2) {
          site[siteField] = siteText.join("").trim();
          siteField = null;
        }
        if (name === "wp:wxr_version") wordpressNamespace = true;
      },
    },
    { xmlMode: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true, decodeEntities: true },
  );

  const take = (node: Node) => {
    switch (node.name) {
      case "item":
        out.items.push(toItem(node));
        break;
      case "wp:author":
        out.authors.push(toAuthor(node));
        break;
      case "wp:category":
        out.terms.push(toCategory(node));
        break;
      case "wp:tag":
        out.terms.push(toTag(node));
        break;
      case "wp:term":
        out.terms.push(toTerm(node));
        break;
    }
  };

  let decoder: { decode(b: Uint8Array, final?: boolean): string } | null = null;
  let repairing: RepairingUtf8Decoder | null = null;
  let bytes = 0;
  for await (const chunk of source) {
    let data = chunk;
    if (!decoder) {
      const sniffed = sniffEncoding(data);
      data = data.subarray(sniffed.bomLength);
      if (sniffed.declared && sniffed.declared.toLowerCase() !== sniffed.encoding && sniffed.encoding !== "windows-1252")
        out.notes.push(`the export declares encoding "${sniffed.declared}"; read as ${sniffed.encoding}`);
      if (sniffed.encoding === "utf-8") {
        if (repairUtf8) decoder = repairing = new RepairingUtf8Decoder();
        else {
          const strict = new TextDecoder("utf-8", { fatal: true });
          decoder = {
            decode: (b, final) => {
              try {
                return strict.decode(b, { stream: !final });
              } catch {
                throw new Utf8Invalid();
              }
            },
          };
        }
      } else {
        const td = new TextDecoder(sniffed.encoding);
        decoder = { decode: (b, final) => td.decode(b, { stream: !final }) };
      }
    }
    bytes += chunk.length;
    const text = decoder.decode(data);
    feed(text);
    if (fatal) break;
    options.onProgress?.(bytes, totalBytes);
  }
  if (!fatal && decoder) feed(decoder.decode(new Uint8Array(0), true));
  ending = true;
  if (!fatal) parser.end();
  out.size = bytes;

  function feed(text: string) {
    if (!text) return;
    if (!rootSeen && fed === 0 && /^\s*[^<\s]/.test(text)) {
      fatal = new WxrError("not a WordPress export: the file is not XML (it does not start with <)");
      return;
    }
    pending.push({ start: fed, text });
    fed += text.length;
    parser.write(text);
  }

  if (fatal) throw fatal;
  if (!rootSeen) throw new WxrError("not a WordPress export: the file contains no XML element");
  if (truncatedAt)
    throw new WxrError(`the export is cut short: it ends inside ${truncatedAt}. Export it again from WordPress (Tools → Export)`);
  if (!wordpressNamespace)
    throw new WxrError("not a WordPress export: this is an RSS feed without WordPress's wp: fields (use Tools → Export)");
  if (repairing?.repaired)
    out.notes.push(
      `the export is not valid UTF-8: ${repairing.repaired} byte(s) were read as Windows-1252; check accented characters and quotes in the imported text`,
    );
  return out;
}

// ---- records -------------------------------------------------------------

const textOf = (n: Node | undefined) => (n ? n.text.join("") : "");
function fields(node: Node): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of node.children) if (c.children.length === 0 && !m.has(c.name)) m.set(c.name, textOf(c));
  return m;
}
const trimmed = (m: Map<string, string>, k: string) => (m.get(k) ?? "").trim();

function toAuthor(node: Node): WxrAuthor {
  const f = fields(node);
  return {
    line: node.line,
    id: trimmed(f, "wp:author_id"),
    login: trimmed(f, "wp:author_login"),
    email: trimmed(f, "wp:author_email"),
    displayName: trimmed(f, "wp:author_display_name"),
    firstName: trimmed(f, "wp:author_first_name"),
    lastName: trimmed(f, "wp:author_last_name"),
    description: trimmed(f, "wp:author_description"),
  };
}

function toCategory(node: Node): WxrTerm {
  const f = fields(node);
  return {
    line: node.line,
    id: trimmed(f, "wp:term_id"),
    taxonomy: "category",
    slug: trimmed(f, "wp:category_nicename"),
    name: trimmed(f, "wp:cat_name"),
    parent: trimmed(f, "wp:category_parent"),
    description: trimmed(f, "wp:category_description"),
  };
}

function toTag(node: Node): WxrTerm {
  const f = fields(node);
  return {
    line: node.line,
    id: trimmed(f, "wp:term_id"),
    taxonomy: "post_tag",
    slug: trimmed(f, "wp:tag_slug"),
    name: trimmed(f, "wp:tag_name"),
    parent: "",
    description: trimmed(f, "wp:tag_description"),
  };
}

function toTerm(node: Node): WxrTerm {
  const f = fields(node);
  return {
    line: node.line,
    id: trimmed(f, "wp:term_id"),
    taxonomy: trimmed(f, "wp:term_taxonomy"),
    slug: trimmed(f, "wp:term_slug"),
    name: trimmed(f, "wp:term_name"),
    parent: trimmed(f, "wp:term_parent"),
    description: trimmed(f, "wp:term_description"),
  };
}

function toComment(node: Node): WxrComment {
  const f = fields(node);
  return {
    line: node.line,
    id: trimmed(f, "wp:comment_id"),
    author: trimmed(f, "wp:comment_author"),
    authorEmail: trimmed(f, "wp:comment_author_email"),
    authorUrl: trimmed(f, "wp:comment_author_url"),
    date: trimmed(f, "wp:comment_date"),
    dateGmt: trimmed(f, "wp:comment_date_gmt"),
    content: f.get("wp:comment_content") ?? "",
    approved: trimmed(f, "wp:comment_approved"),
    type: trimmed(f, "wp:comment_type"),
    parent: trimmed(f, "wp:comment_parent"),
    userId: trimmed(f, "wp:comment_user_id"),
  };
}

function toItem(node: Node): WxrItem {
  const f = fields(node);
  const item: WxrItem = {
    line: node.line,
    title: trimmed(f, "title"),
    link: trimmed(f, "link"),
    pubDate: trimmed(f, "pubdate"),
    creator: trimmed(f, "dc:creator"),
    guid: trimmed(f, "guid"),
    description: f.get("description") ?? "",
    content: f.get("content:encoded") ?? "",
    excerpt: f.get("excerpt:encoded") ?? "",
    id: trimmed(f, "wp:post_id"),
    date: trimmed(f, "wp:post_date"),
    dateGmt: trimmed(f, "wp:post_date_gmt"),
    modified: trimmed(f, "wp:post_modified"),
    modifiedGmt: trimmed(f, "wp:post_modified_gmt"),
    name: trimmed(f, "wp:post_name"),
    status: trimmed(f, "wp:status"),
    parent: trimmed(f, "wp:post_parent"),
    menuOrder: trimmed(f, "wp:menu_order"),
    type: trimmed(f, "wp:post_type"),
    password: trimmed(f, "wp:post_password"),
    sticky: trimmed(f, "wp:is_sticky"),
    attachmentUrl: trimmed(f, "wp:attachment_url"),
    terms: [],
    meta: {},
    comments: [],
  };
  for (const c of node.children) {
    if (c.name === "category")
      item.terms.push({ domain: c.attrs.domain ?? "category", nicename: c.attrs.nicename ?? "", name: textOf(c).trim() });
    else if (c.name === "wp:postmeta") {
      const m = fields(c);
      const key = trimmed(m, "wp:meta_key");
      if (key) item.meta[key] = m.get("wp:meta_value") ?? "";
    } else if (c.name === "wp:comment") item.comments.push(toComment(c));
  }
  return item;
}
