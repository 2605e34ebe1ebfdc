import { randomBytes } from "node:crypto";
import libmime from "libmime";
import { encode as qpEncode, wrap as qpWrap } from "libqp";
import { addressOf, listUnsubscribeValue } from "../mail/list-headers";
import { escapeHtml } from "../text/html";
import { placeholderValues, splitAtPlaceholders, type Placeholder } from "./placeholders";

/**
 * An issue compiled once into a MIME message with holes. Per recipient, the
 * holes (address, Message-ID, name, links) are filled with a few string
 * joins and handed to nodemailer as a raw message: no per-recipient MIME
 * build, no re-encoding of the body. This is what "render once, substitute
 * per recipient" means at the byte level.
 *
 * Bodies are quoted-printable. Each fixed segment is encoded once and ends
 * in a soft line break; each substituted value is encoded on its own lines.
 * Soft breaks vanish when decoded, so the reader sees exactly the
 * personalised text, and no line passes 76 characters.
 */
export type MimeIssue = { from: string; subject: string; html: string; text: string; listId: string; unsubscribeMailto: string };
export type MimeRecipient = {
  to: string;
  messageId: string;
  firstName: string | null;
  unsubscribeUrl: string;
  preferencesUrl: string;
  oneClickUrl: string;
  /** Subject of the mailto unsubscribe request (carries the signed token). */
  mailtoSubject: string;
  /** When this copy goes out (base 36 seconds), for the click links. */
  sentAt?: string;
};

const CRLF = "\r\n";
const SOFT = "=" + CRLF;
const crlf = (s: string) => s.replace(/\r?\n/g, CRLF);
const qp = (s: string) => qpWrap(qpEncode(Buffer.from(crlf(s), "utf8")), 76);
const ASCII_ADDRESS = /^[\x21-\x7e]+@[\x21-\x7e]+$/;

type Body = { parts: string[]; holes: Placeholder[] };

function compileBody(template: string): Body {
  const { parts, holes } = splitAtPlaceholders(template);
  return { parts: parts.map((p) => (p ? qp(p) : "")), holes };
}

function fillBody(b: Body, values: Record<string, string>, escape: (s: string) => string): string {
  let out = b.parts[0];
  for (let i = 0; i < b.holes.length; i++) {
    out += SOFT + qp(escape(values[b.holes[i]])) + SOFT + b.parts[i + 1];
  }
  return out;
}

function header(name: string, value: string): string {
  return libmime.foldLines(`${name}: ${value}`, 76) + CRLF;
}

function encodeAddress(from: string): string {
  const m = from.match(/^\s*(.*?)\s*<([^>]+)>\s*$/);
  if (!m || !m[1]) return `<${from.replace(/[<>]/g, "").trim()}>`;
  const name =
    /^[\x20-\x7e]*$/.test(m[1]) && !/["\\,;:@()<>[\]]/.test(m[1])
      ? m[1]
      : /^[\x20-\x7e]*$/.test(m[1])
        ? `"${m[1].replace(/["\\]/g, "\\$&")}"`
        : libmime.encodeWord(m[1], "Q", 52);
  return `${name} <${m[2]}>`;
}

export function compileMimeIssue(issue: MimeIssue) {
  const boundary = `----=_issue_${randomBytes(12).toString("hex")}`;
  const text = compileBody(issue.text);
  const html = compileBody(issue.html);
  const fixedHeaders =
    header("From", encodeAddress(issue.from)) +
    header("Subject", /^[\x20-\x7e]*$/.test(issue.subject) ? issue.subject : libmime.encodeWords(issue.subject, "Q", 52)) +
    header("List-Id", issue.listId) +
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click" +
    CRLF +
    "MIME-Version: 1.0" +
    CRLF +
    `Content-Type: multipart/alternative; boundary="${boundary}"` +
    CRLF;
  const partHead = (type: string) =>
    `--${boundary}${CRLF}Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`;
  const textHead = partHead("text/plain");
  const htmlHead = partHead("text/html");
  const tail = `${CRLF}--${boundary}--${CRLF}`;
  const fromAddress = addressOf(issue.from);

  /** The raw message for one recipient, or undefined when the address needs SMTPUTF8 (let nodemailer build that one). */
  return (r: MimeRecipient): { raw: string; envelope: { from: string; to: string[] } } | undefined => {
    if (!ASCII_ADDRESS.test(r.to)) return undefined;
    const values = placeholderValues(r);
    const raw =
      `To: <${r.to}>${CRLF}` +
      `Date: ${new Date().toUTCString().replace(/GMT/, "+0000")}${CRLF}` +
      `Message-ID: ${r.messageId}${CRLF}` +
      // Folded between its two URIs (each may be long; neither can be broken).
      `List-Unsubscribe: ${listUnsubscribeValue({ oneClickUrl: r.oneClickUrl, mailto: issue.unsubscribeMailto, mailtoSubject: r.mailtoSubject }).replace(">, <", `>,${CRLF} <`)}${CRLF}` +
      fixedHeaders +
      CRLF +
      textHead +
      fillBody(text, values, (s) => s) +
      CRLF +
      htmlHead +
      fillBody(html, values, escapeHtml) +
      tail;
    return { raw, envelope: { from: fromAddress, to: [r.to] } };
  };
}
