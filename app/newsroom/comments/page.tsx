import Link from "next/link";
import { Notice, PostButton } from "@/components/newsroom/console-chrome";
import { QueueKeys } from "@/components/newsroom/queue-keys";
import { listRangeBlocks, type RangeBlockRow } from "@/lib/comments/editor";
import { MIN_PREFIX } from "@/lib/comments/ip-ranges";
import { COMMENT_STATUSES, moderationChoices, type CommentStatus } from "@/lib/comments/moderation";
import { content } from "@/lib/content";
import { db } from "@/lib/db";
import { commentCounts, listQueue, type QueueItem } from "@/lib/newsroom/comment-queue";
import { hasRole } from "@/lib/newsroom/roles";
import { requireEditor } from "@/wiring/newsroom";

export const dynamic = "force-dynamic";
export const metadata = { title: "Comments" };

const LABELS: Record<CommentStatus, string> = { pending: "Pending", approved: "Approved", spam: "Spam", deleted: "Deleted" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function CommentsQueue({ searchParams }: Props) {
  const editor = await requireEditor("moderator");
  const q = await searchParams;
  const status = COMMENT_STATUSES.find((s) => s === q.status) ?? "pending";
  const cursor = one(q.after);
  const [counts, page, ranges] = await Promise.all([commentCounts(db()), listQueue(db(), { status, cursor }), listRangeBlocks(db())]);
  const seesHistory = hasRole(editor.role, "editor");
  const here = `/newsroom/comments?status=${status}${cursor ? `&after=${cursor}` : ""}`;
  const choices = moderationChoices(status);
  return (
    <div>
      <h1>Comments</h1>
      <Notice notice={q.notice} error={q.error} />
      <nav aria-label="Comment states">
        <ul className="newsroom-tabs">
          {COMMENT_STATUSES.map((s) => (
            <li key={s}>
              <Link href={`/newsroom/comments?status=${s}`} aria-current={s === status ? "page" : undefined}>
                {LABELS[s]} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="meta">
        Keyboard: <kbd>j</kbd> / <kbd>k</kbd> move, <kbd>a</kbd> approve, <kbd>s</kbd> spam, <kbd>d</kbd> delete.
      </p>
      <p id="queue-status" className="visually-hidden" aria-live="polite" />
      {page.items.length === 0 ? (
        <p>
          No {LABELS[status].toLowerCase()} comments{cursor ? " further back" : ""}.
        </p>
      ) : (
        <>
          <form id="bulk" method="post" action="/api/newsroom/comments" className="newsroom-inline newsroom-bulk">
            <input type="hidden" name="back" value={here} />
            <label htmlFor="bulk-action">With the selected comments:</label>
            <select id="bulk-action" name="action" defaultValue={choices[0].action}>
              {choices.map((a) => (
                <option key={a.action} value={a.action}>
                  {a.label}
                </option>
              ))}
            </select>
            <button type="submit">Apply to selection</button>
          </form>
          <ol className="queue">
            {page.items.map((item) => (
              <QueueEntry key={item.id} item={item} status={status} seesHistory={seesHistory} back={here} />
            ))}
          </ol>
        </>
      )}
      {page.next ? (
        <p>
          <Link href={`/newsroom/comments?status=${status}&after=${page.next}`}>Older comments</Link>
        </p>
      ) : null}
      <BlockedRanges ranges={ranges} />
      <QueueKeys statusId="queue-status" />
    </div>
  );
}

function BlockedRanges({ ranges }: { ranges: RangeBlockRow[] }) {
  return (
    <section aria-labelledby="blocked-ranges">
      <h2 id="blocked-ranges">Blocked IP ranges</h2>
      <p>
        Comments from any address in these ranges go straight to spam. Enter a range in CIDR notation (IPv4 /{MIN_PREFIX.ipv4} to /32, IPv6
        /{MIN_PREFIX.ipv6} to /128) or a single address.
      </p>
      {ranges.length > 0 ? (
        <ul className="newsroom-ranges">
          {ranges.map((r) => (
            <li key={r.id}>
              <code>{r.network}</code>
              {r.reason ? ` — ${r.reason}` : ""} <span className="meta">since {when.format(r.createdAt)} UTC</span>
              <PostButton action="/api/newsroom/comments/unblock-range" id={r.id} label={`Unblock ${r.network}`}>
                Unblock
              </PostButton>
            </li>
          ))}
        </ul>
      ) : (
        <p>No ranges are blocked.</p>
      )}
      <form method="post" action="/api/newsroom/comments/block-range" className="newsroom-form">
        <label htmlFor="block-range">IP range to block</label>
        <input
          id="block-range"
          name="range"
          required
          maxLength={64}
          placeholder="203.0.113.0/24 or 2001:db8:1234::/48"
          spellCheck={false}
        />
        <label htmlFor="block-range-reason">Reason (optional, for other moderators)</label>
        <input id="block-range-reason" name="reason" maxLength={200} />
        <button type="submit">Block this range</button>
      </form>
    </section>
  );
}

function QueueEntry({ item, status, seesHistory, back }: { item: QueueItem; status: CommentStatus; seesHistory: boolean; back: string }) {
  const title = content.articleBySlug(item.articleSlug)?.title ?? item.articleSlug;
  const label = `comment-${item.id}-by`;
  return (
    <li className="queue-item" data-queue-item tabIndex={-1} aria-labelledby={label}>
      <header>
        <input type="checkbox" form="bulk" name={`c:${item.id}`} id={`select-${item.id}`} />
        <label htmlFor={`select-${item.id}`} id={label}>
          <strong>{item.authorName}</strong>
          {item.staffBadge ? ` (${item.staffBadge})` : ""}
        </label>
        <span>
          on <Link href={`/articles/${item.articleSlug}#comment-${item.id}`}>{title}</Link>
        </span>
        <time dateTime={item.createdAt.toISOString()} className="meta">
          {when.format(item.createdAt)} UTC
        </time>
      </header>
      {item.why && status !== "approved" ? <p className="queue-why">Why it is here: {item.why}</p> : null}
      {item.parent ? (
        <p className="queue-parent">
          In reply to {item.parent.authorName}: “{item.parent.excerpt}”
        </p>
      ) : null}
      <p className="queue-body">{item.body}</p>
      <div className="queue-history">
        {item.history.count === 0 ? (
          <p>{item.hasEmail ? "No earlier comments from this address." : "Address erased."}</p>
        ) : (
          <p>
            {item.history.count} other comment{item.history.count === 1 ? "" : "s"} from this address, {item.history.approved} approved.
          </p>
        )}
        {seesHistory && item.history.recent.length > 0 ? (
          <ul>
            {item.history.recent.map((h) => (
              <li key={h.id}>
                {h.status}, {when.format(h.createdAt)}, on {content.articleBySlug(h.articleSlug)?.title ?? h.articleSlug}: “{h.excerpt}”
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="newsroom-actions">
        {moderationChoices(status).map((a) => (
          <button
            key={a.action}
            type="submit"
            form="bulk"
            name="single"
            value={`${a.action}:${item.id}`}
            data-key={a.key}
            className={a.primary ? undefined : "secondary"}
          >
            {a.label}
          </button>
        ))}
      </div>
      <details>
        <summary>Edit the text</summary>
        <form method="post" action="/api/newsroom/comments/edit" className="newsroom-form">
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="back" value={back} />
          <label htmlFor={`edit-${item.id}`}>Text (the original is kept in the audit log)</label>
          <textarea id={`edit-${item.id}`} name="body" rows={5} defaultValue={item.body} />
          <button type="submit">Save the text</button>
        </form>
      </details>
      {status === "approved" ? (
        <details>
          <summary>Reply as the publication</summary>
          <form method="post" action="/api/newsroom/comments/reply" className="newsroom-form">
            <input type="hidden" name="parentId" value={item.id} />
            <input type="hidden" name="back" value={back} />
            <label htmlFor={`reply-${item.id}`}>Your reply (published at once under your name and badge)</label>
            <textarea id={`reply-${item.id}`} name="body" rows={4} required />
            <button type="submit">Publish the reply</button>
          </form>
        </details>
      ) : null}
      <details>
        <summary>Block the writer</summary>
        <form method="post" action="/api/newsroom/comments/block" className="newsroom-form">
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="back" value={back} />
          <p>Their future comments go straight to spam.</p>
          <label>
            <input type="checkbox" name="email" defaultChecked={item.hasEmail} disabled={!item.hasEmail} /> by their address
          </label>
          <label>
            <input type="checkbox" name="network" disabled={!item.ipPrefix} /> by their network{item.ipPrefix ? ` (${item.ipPrefix})` : ""}
          </label>
          <button type="submit">Block</button>
        </form>
      </details>
    </li>
  );
}
