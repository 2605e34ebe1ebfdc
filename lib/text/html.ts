/**
 * Text into HTML: the one escaping function for markup built as strings
 * (emails' plain parts aside, React escapes what it renders). Attribute-safe:
 * quotes are escaped too.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
