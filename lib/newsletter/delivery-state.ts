/**
 * The delivery state machine, as pure rules.
 *
 *   queued ──claim──▶ claimed ──hand to SMTP──▶ sending ──250──▶ sent
 *     ▲                  │                         │ 4xx / no answer ──▶ queued (later), or failed after max attempts
 *     │                  │ worker stops            │ 5xx ──▶ failed (+ address suppressed: bounce policy)
 *     └──────────────────┴── worker died ◀─────────┘ (sending → queued, marked in doubt)
 *
 * "claimed" rows were never handed to SMTP, so releasing them is safe.
 * "sending" rows may or may not have been accepted by the relay: they are
 * resent with the same Message-ID and listed in the campaign log.
 */
export type DeliveryStatus = "queued" | "claimed" | "sending" | "sent" | "failed";
export type CampaignStatus = "scheduled" | "sending" | "paused" | "cancelled" | "done";

export type SmtpOutcome = { ok: true } | { ok: false; responseCode?: number; message: string };

export type DeliveryStep =
  { to: "sent" } | { to: "queued"; retryAt: Date; error: string } | { to: "failed"; error: string; suppress: boolean };

/** What to do with a delivery after one SMTP attempt (attempts counts this one). */
export function afterAttempt(
  outcome: SmtpOutcome,
  attempts: number,
  policy: { maxAttempts: number; retrySeconds: number },
  now: Date,
): DeliveryStep {
  if (outcome.ok) return { to: "sent" };
  const code = outcome.responseCode;
  const error = `${code ?? "no answer"}: ${outcome.message}`.slice(0, 500);
  // Bounce policy: a permanent rejection (5xx) of this recipient fails the
  // delivery and suppresses the address; it is never mailed again.
  if (code !== undefined && code >= 500 && code < 600) return { to: "failed", error, suppress: true };
  if (attempts >= policy.maxAttempts) return { to: "failed", error: `gave up after ${attempts} attempts: ${error}`, suppress: false };
  // Temporary (4xx, timeouts, dropped connections): back off exponentially, at most 6 hours.
  const delay = Math.min(policy.retrySeconds * 2 ** (attempts - 1), 6 * 3600) * 1000;
  return { to: "queued", retryAt: new Date(now.getTime() + delay), error };
}

/** Deterministic Message-ID: a resend after a crash carries the same one, so receivers can de-duplicate. */
export function messageIdFor(campaignId: string, deliveryId: string, host: string): string {
  return `<${campaignId}.${deliveryId}@${host}>`;
}

/** Which editor commands apply in which campaign state. */
export function canTransition(from: CampaignStatus, command: "pause" | "resume" | "cancel"): boolean {
  if (command === "pause") return from === "sending" || from === "scheduled";
  if (command === "resume") return from === "paused";
  return from === "sending" || from === "scheduled" || from === "paused";
}
