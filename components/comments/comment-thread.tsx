import type { PublicComment } from "@/lib/comments/public";
import type { ThreadNode } from "@/lib/comments/threading";

const exact = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** "3 days ago", computed when the page is (re)generated; the exact time sits beside it. */
function relative(date: Date, now: Date): string {
  const s = Math.max(0, (now.getTime() - date.getTime()) / 1000);
  const units: [number, string][] = [
    [31_536_000, "year"],
    [2_592_000, "month"],
    [604_800, "week"],
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units)
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${n > 1 ? "s" : ""} ago`;
    }
  return "just now";
}

export function CommentThread({ nodes, now }: { nodes: ThreadNode<PublicComment>[]; now: Date }) {
  return (
    <ol className="comment-list">
      {nodes.map(({ comment: c, replies, depth }) => (
        <li key={c.id} id={`comment-${c.id}`} className={`comment depth-${depth}${c.staff ? " comment-staff" : ""}`}>
          <article aria-labelledby={`comment-${c.id}-author`}>
            <header className="comment-meta">
              <span className="comment-avatar" aria-hidden="true">
                {c.initials}
              </span>
              <span id={`comment-${c.id}-author`} className="comment-author">
                {c.authorUrl ? (
                  <a href={c.authorUrl} rel="ugc nofollow noopener">
                    {c.authorName}
                  </a>
                ) : (
                  c.authorName
                )}
                {c.staff?.credentials ? <span className="comment-credentials">, {c.staff.credentials}</span> : null}
              </span>
              {c.staff ? <span className="comment-badge">{c.staff.badge}</span> : null}
              <time dateTime={c.createdAt.toISOString()} title={`${exact.format(c.createdAt)} UTC`}>
                {relative(c.createdAt, now)} <span className="visually-hidden">({exact.format(c.createdAt)} UTC)</span>
              </time>
            </header>
            <div className="comment-body" dangerouslySetInnerHTML={{ __html: c.html }} />
            <a className="comment-reply" href="#respond" data-reply-to={c.id} data-reply-name={c.authorName}>
              Reply<span className="visually-hidden"> to {c.authorName}</span>
            </a>
          </article>
          {replies.length > 0 ? <CommentThread nodes={replies} now={now} /> : null}
        </li>
      ))}
    </ol>
  );
}
