/**
 * The list headers of every email a reader can opt out of (RFC 2369,
 * RFC 2919, RFC 8058): one-click unsubscribe by HTTPS POST, a mailto
 * fallback whose subject carries the signed token (so a mailed request is
 * matched by the token, never by the sender's address), and a List-Id so
 * mail clients can group and filter the list. The one builder: the
 * subscription emails, reply notices and the newsletter's compiled MIME
 * template all take their values from here.
 */
export type ListHeaderInput = {
  /** HTTPS URL that unsubscribes on POST (RFC 8058). */
  oneClickUrl: string;
  /** Address that takes unsubscribe requests by mail. */
  mailto: string;
  /** Subject of that mail: names the request and carries its token. */
  mailtoSubject: string;
  /** RFC 2919 List-Id, when the email belongs to a list. */
  listId?: string;
};

export function listUnsubscribeValue(h: Pick<ListHeaderInput, "oneClickUrl" | "mailto" | "mailtoSubject">): string {
  return `<${h.oneClickUrl}>, <mailto:${h.mailto}?subject=${encodeURIComponent(h.mailtoSubject)}>`;
}

export function listHeaders(h: ListHeaderInput): Record<string, string> {
  return {
    "List-Unsubscribe": listUnsubscribeValue(h),
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    ...(h.listId ? { "List-Id": h.listId } : {}),
  };
}

/** The bare address out of "Name <addr@host>". */
export function addressOf(from: string): string {
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}

/**
 * `"Less Pain, More Life" <newsletter.example.com>`: the list's name as an
 * RFC 5322 phrase (quoted, since it may hold a comma or other specials)
 * and an id made from the public URL's host.
 */
export function listIdFor(name: string, publicUrl: string): string {
  return `${quotedPhrase(name)} <newsletter.${new URL(publicUrl).hostname}>`;
}

/** A display name as an RFC 5322 phrase: as is when it is all atoms, else quoted with \ and " escaped. */
export function quotedPhrase(name: string): string {
  return /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(name) ? name : `"${name.replace(/["\\]/g, "\\$&")}"`;
}
