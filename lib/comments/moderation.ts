/**
 * What happens to a new comment, decided like a mature CMS would:
 * spam signals send it to spam (kept, never deleted, never shown), rule
 * trips and first-time commenters are held for an editor, and a commenter
 * an editor has approved before is published at once, when they post from
 * a browser tied to their address (identity.ts; a typed email alone proves
 * nothing).
 */
export type CommentStatus = "pending" | "approved" | "spam" | "deleted";
export const COMMENT_STATUSES: readonly CommentStatus[] = ["pending", "approved", "spam", "deleted"];

/** What an editor can do to a comment, and the state each action leaves it in (the newsroom's queue and its API apply these). */
export const QUEUE_ACTIONS = { approve: "approved", spam: "spam", delete: "deleted", restore: "pending" } as const satisfies Record<
  string,
  CommentStatus
>;
export type QueueAction = keyof typeof QUEUE_ACTIONS;
export const isQueueAction = (v: unknown): v is QueueAction => typeof v === "string" && Object.hasOwn(QUEUE_ACTIONS, v);

/** One moderation button: the action it posts, its label, and its keyboard shortcut where there is one. */
export type ModerationChoice = { action: QueueAction; label: string; key?: string; primary: boolean };

const SHORTCUTS: Partial<Record<QueueAction, string>> = { approve: "a", spam: "s", delete: "d" };
const CHOICES: Record<CommentStatus, [QueueAction, string][]> = {
  pending: [
    ["approve", "Approve"],
    ["spam", "Spam"],
    ["delete", "Delete"],
  ],
  approved: [
    ["restore", "Unpublish (back to pending)"],
    ["spam", "Spam"],
    ["delete", "Delete"],
  ],
  spam: [
    ["approve", "Not spam: approve"],
    ["restore", "Back to pending"],
    ["delete", "Delete"],
  ],
  deleted: [
    ["restore", "Restore to pending"],
    ["approve", "Restore and approve"],
  ],
};

/**
 * The buttons a comment in `status` offers, in the order shown: each moves it
 * to another state (a deleted comment is not sent to spam). The first is the
 * bulk form's default; approving is the primary button; a, s and d are the
 * queue's keyboard shortcuts.
 */
export function moderationChoices(status: CommentStatus): ModerationChoice[] {
  return CHOICES[status].map(([action, label]) => ({ action, label, key: SHORTCUTS[action], primary: action === "approve" }));
}

export type ModerationPolicy = { maxLinks: number; blockedWords: string[] };

export type ModerationFacts = {
  body: string;
  authorName: string;
  authorUrl?: string | null;
  linkCount: number;
  honeypotFilled: boolean;
  submittedTooFast: boolean;
  /** This browser is tied to this email (an approved comment from it, or a confirmed link; decision 0014). */
  knownCommenter: boolean;
  /** This email has an approved comment, possibly from another browser. */
  knownEmail: boolean;
  /** An editor blocked this address or the network it posts from (the newsroom's "block commenter"). */
  blocked?: boolean;
};

/** The note on a comment sent to spam because an editor blocked its writer. */
export const BLOCKED_COMMENTER = "commenter blocked by an editor";

/** The note on a comment held only because its browser is not yet tied to a known email. */
export const UNCONFIRMED_BROWSER = "returning commenter on a browser not yet confirmed";

export type ModerationDecision = { status: Exclude<CommentStatus, "deleted">; reason: string };

function containsBlockedWord(text: string, words: string[]): string | undefined {
  const haystack = text.toLowerCase();
  return words.map((w) => w.trim().toLowerCase()).find((w) => w && haystack.includes(w));
}

export function moderate(f: ModerationFacts, policy: ModerationPolicy): ModerationDecision {
  if (f.blocked) return { status: "spam", reason: BLOCKED_COMMENTER };
  if (f.honeypotFilled) return { status: "spam", reason: "honeypot field was filled" };
  if (f.submittedTooFast) return { status: "spam", reason: "submitted faster than a person can type" };
  const blocked = containsBlockedWord(`${f.body}\n${f.authorName}\n${f.authorUrl ?? ""}`, policy.blockedWords);
  if (blocked) return { status: "spam", reason: `contains blocked word "${blocked}"` };
  if (f.linkCount > policy.maxLinks) return { status: "pending", reason: `${f.linkCount} links (more than ${policy.maxLinks})` };
  if (!f.knownCommenter) return { status: "pending", reason: f.knownEmail ? UNCONFIRMED_BROWSER : "first comment from this email" };
  return { status: "approved", reason: "known commenter on a confirmed browser, no rule tripped" };
}
