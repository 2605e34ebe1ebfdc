import type { Db } from "../db";
import { readManageToken } from "../newsletter/tokens";
import type { SigningKeys } from "../security/signed-token";
import { deliveryFromBounceAddress, deliveryFromMessageId } from "./bounce-address";
import { recordMailEvent, type BouncePolicy, type EventOutcome } from "./events";
import { parseReport, type DeliveryClues } from "./reports";

/**
 * One message from the bounce mailbox (stdin or IMAP), applied: bounces and
 * complaints matched to a delivery by the VERP address the report came to
 * or by the Message-ID of ours it quotes; unsubscribe requests by the signed
 * token in their subject, never by who sent them.
 */
export type InboundDeps = { db: Db; keys: SigningKeys; policy: BouncePolicy; now?: () => Date };
export type InboundLine = { what: string; outcome: EventOutcome | { outcome: "ignored"; reason: string } };

/** The delivery a report is about, from clues we can check: a VERP address with a valid MAC, or one of our Message-IDs. */
export function matchDelivery(clues: DeliveryClues, keys: SigningKeys): { deliveryId?: string; messageId?: string; how: string } {
  for (const a of [...clues.sentTo, ...clues.returnPaths]) {
    const id = deliveryFromBounceAddress(a, keys);
    if (id) return { deliveryId: id, how: "return path" };
  }
  const messageId = clues.messageIds.find((m) => deliveryFromMessageId(m));
  return messageId ? { messageId, how: "message id" } : { how: "none" };
}

export async function applyInbound(d: InboundDeps, raw: Buffer | string): Promise<InboundLine[]> {
  const now = d.now?.() ?? new Date();
  const report = await parseReport(raw);
  const lines: InboundLine[] = [];
  for (const item of report.items) {
    if (item.kind === "ignored") {
      lines.push({ what: "ignored", outcome: { outcome: "ignored", reason: item.reason } });
      continue;
    }
    if (item.kind === "unsubscribe") {
      const subscriberId = readManageToken(d.keys, item.token);
      if (!subscriberId) {
        lines.push({ what: "unsubscribe request", outcome: { outcome: "ignored", reason: "its token is not one of ours" } });
        continue;
      }
      const outcome = await recordMailEvent(
        d.db,
        { key: `mailto:${item.key}`, source: "mailto", kind: "unsubscribe", subscriberId, detail: "unsubscribe request by mail" },
        d.policy,
        now,
      );
      lines.push({ what: "unsubscribe request", outcome });
      continue;
    }
    const match = matchDelivery(item.clues, d.keys);
    const source = item.kind === "bounce" ? "dsn" : "arf";
    const kind = item.kind === "complaint" ? "complaint" : item.severity === "hard" ? "hard-bounce" : "soft-bounce";
    const detail =
      item.kind === "bounce"
        ? `${item.action} ${item.status}${item.diagnostic ? `: ${item.diagnostic}` : ""}`
        : `feedback report (${item.feedbackType})`;
    const outcome = await recordMailEvent(
      d.db,
      { key: `${source}:${item.key}`, source, kind, deliveryId: match.deliveryId, messageId: match.messageId, detail },
      d.policy,
      now,
    );
    lines.push({ what: `${kind} (matched by ${match.how})`, outcome });
  }
  return lines;
}

/** One line for the terminal or the worker's log; never an address. */
export function describeLine(l: InboundLine): string {
  const o = l.outcome;
  switch (o.outcome) {
    case "ignored":
    case "unmatched":
      return `${l.what}: ${o.outcome}: ${o.reason}`;
    case "duplicate":
      return `${l.what}: already recorded`;
    case "recorded":
      return `${l.what}: recorded${o.campaignId ? ` for campaign ${o.campaignId}, delivery ${o.deliveryId}` : ""}${
        o.suppressed ? `; address suppressed (${o.suppressed})` : o.softCount !== undefined ? `; soft bounce ${o.softCount}` : ""
      }`;
  }
}
