/**
 * The headers every newsletter and subscription email carries (RFC 2369,
 * RFC 8058): one-click unsubscribe by HTTPS POST, a mailto fallback, and a
 * List-Id so mail clients can group and filter the list.
 */
export type ListHeaderInput = { oneClickUrl: string; mailto: string; subscriberId: string; listId: string };

export function listHeaders(h: ListHeaderInput): Record<string, string> {
  return {
    "List-Unsubscribe": `<${h.oneClickUrl}>, <mailto:${h.mailto}?subject=unsubscribe%20${encodeURIComponent(h.subscriberId)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "List-Id": h.listId,
  };
}

/** The bare address out of "Name <addr@host>". */
export function addressOf(from: string): string {
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}

/** "Less Pain, More Life <newsletter.example.com>" from the public URL's host. */
export function listIdFor(name: string, publicUrl: string): string {
  return `${name} <newsletter.${new URL(publicUrl).hostname}>`;
}
