/**
 * The subscriber state machine, as pure rules. A subscriber row exists only
 * while pending or confirmed; "unsubscribed", "bounced", "complained" and
 * "deleted" are suppression entries (a hash), never rows.
 *
 *   (none) ──signup──▶ pending ──confirm──▶ confirmed ──unsubscribe──▶ suppressed
 *      ▲                  │                     │
 *      └──── purge ◀──────┘ (never confirmed)   └── bounce / delete ──▶ suppressed
 *   suppressed ──signup──▶ pending (a new confirmation is always needed)
 */
export type SubscriberState = "none" | "pending" | "confirmed" | "suppressed";

export type SignupStep =
  /** Create or refresh a pending row and send a confirmation link. */
  | { do: "send-confirmation"; createRow: boolean }
  /** Confirmed already: optionally tell them so, change nothing. */
  | { do: "notify-already-subscribed" }
  /** Same signup again within the resend window: do nothing (the earlier email is on its way). */
  | { do: "nothing" };

export const RESEND_AFTER_MS = 10 * 60_000;

/**
 * What a signup does. The answer to the visitor is the same in every case,
 * so nobody learns whether an address is on the list.
 */
export function onSignup(state: SubscriberState, lastSignupMailAt: Date | null, now: Date): SignupStep {
  const recentlyMailed = lastSignupMailAt !== null && now.getTime() - lastSignupMailAt.getTime() < RESEND_AFTER_MS;
  switch (state) {
    case "none":
    case "suppressed":
      return { do: "send-confirmation", createRow: true };
    case "pending":
      return recentlyMailed ? { do: "nothing" } : { do: "send-confirmation", createRow: false };
    case "confirmed":
      return recentlyMailed ? { do: "nothing" } : { do: "notify-already-subscribed" };
  }
}

export type ConfirmOutcome = "confirmed" | "already-confirmed" | "invalid" | "expired";

/** A confirmation link for a row: only a pending row whose nonce matches moves. */
export function onConfirm(row: { status: string; confirmNonce: string | null } | null, nonce: string): ConfirmOutcome {
  if (!row) return "invalid";
  if (row.status === "confirmed") return "already-confirmed";
  if (row.status === "pending" && row.confirmNonce === nonce) return "confirmed";
  return "invalid";
}

/** Who may receive an issue: confirmed, not paused, not suppressed. */
export function receivesNewsletter(row: { status: string; paused: boolean }, suppressed: boolean): boolean {
  return row.status === "confirmed" && !row.paused && !suppressed;
}

export type SuppressionReason = "unsubscribed" | "bounced" | "complained" | "deleted";
