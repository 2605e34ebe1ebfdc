import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";

/**
 * What arrives at the bounce mailbox, read into plain facts:
 *   a delivery status notification (RFC 3464: multipart/report;
 *   report-type=delivery-status) → one bounce per failed recipient;
 *   a feedback report (RFC 5965 ARF: report-type=feedback-report) → one complaint;
 *   a mailed unsubscribe request (the List-Unsubscribe mailto, whose subject
 *   carries the signed manage token) → one unsubscribe;
 *   anything else (autoreplies, "delayed" notices, spam) → ignored, with why.
 *
 * Parsing only: nothing here trusts what the message says about who it is
 * for. The caller matches a report to a delivery by the VERP address it
 * arrived at or the Message-ID of our message it quotes (both ours to
 * check), never by an address written in the report.
 */
export type DeliveryClues = {
  /** Addresses the report was sent to (To, Delivered-To, X-Original-To): a VERP address names the delivery. */
  sentTo: string[];
  /** Message-IDs and Return-Paths of the original message quoted in the report. */
  messageIds: string[];
  returnPaths: string[];
};

export type ReportItem =
  | { kind: "bounce"; severity: "hard" | "soft"; status: string; action: string; diagnostic: string; key: string; clues: DeliveryClues }
  | { kind: "complaint"; feedbackType: string; key: string; clues: DeliveryClues }
  | { kind: "unsubscribe"; token: string; key: string }
  | { kind: "ignored"; reason: string; key: string };

export type ParsedReport = { items: ReportItem[] };

const MAX_FIELD = 500;

/** RFC 822-style field blocks (RFC 3464 §2.1: per-message, then one per recipient), continuation lines unfolded. */
export function fieldBlocks(text: string): Record<string, string>[] {
  return text
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .map((block) => {
      const fields: Record<string, string> = {};
      let last: string | undefined;
      for (const line of block.split("\n")) {
        if (/^[ \t]/.test(line) && last) fields[last] = `${fields[last]} ${line.trim()}`.slice(0, MAX_FIELD);
        else {
          const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
          if (!m) continue;
          last = m[1].toLowerCase();
          fields[last] = m[2].trim().slice(0, MAX_FIELD);
        }
      }
      return fields;
    })
    .filter((f) => Object.keys(f).length > 0);
}

/**
 * Hard or soft, from the DSN's Action and Status (RFC 3463 classes): a
 * "failed" 5.x.x is permanent, except 5.2.2 (mailbox full), which clears up
 * and is counted as soft, like 4.x.x given up on. "delayed", "relayed",
 * "delivered" and "expanded" are no bounce.
 */
export function bounceSeverity(action: string, status: string): "hard" | "soft" | undefined {
  if (action.toLowerCase() !== "failed") return undefined;
  const code = /([245])\.(\d{1,3})\.(\d{1,3})/.exec(status);
  if (!code) return "hard";
  if (code[1] === "5") return code[2] === "2" && code[3] === "2" ? "soft" : "hard";
  return code[1] === "4" ? "soft" : undefined;
}

const addressesOf = (v: AddressObject | AddressObject[] | undefined) =>
  [v ?? []].flat().flatMap((a) => a.value.map((x) => x.address ?? "").filter(Boolean));

function headerTexts(m: ParsedMail, name: string): string[] {
  return m.headerLines
    .filter((h) => h.key === name)
    .map((h) =>
      h.line
        .slice(h.line.indexOf(":") + 1)
        .replace(/\r?\n\s+/g, " ")
        .trim(),
    );
}

const angle = (s: string) => s.match(/<[^<>\s]+>/g) ?? (s.trim() ? [s.trim()] : []);

/**
 * The original message (message/rfc822 or just its headers) quoted at the
 * end of a report. mailparser hands it over as an attachment, except when
 * it is marked inline (as feedback loops do), when it merges it into the
 * text and drops its headers; so the report's body is also scanned for
 * header lines. Either way only Message-IDs and Return-Paths of our own
 * making can match a delivery (inbound.ts).
 */
async function quotedOriginal(m: ParsedMail, raw: Buffer): Promise<Pick<DeliveryClues, "messageIds" | "returnPaths">> {
  const clues = { messageIds: [] as string[], returnPaths: [] as string[] };
  const text = raw.toString("latin1");
  const bodyStart = text.search(/\r?\n\r?\n/);
  if (bodyStart >= 0)
    for (const line of text.slice(bodyStart).matchAll(/^(message-id|return-path)[ \t]*:[ \t]*(.{1,998})$/gim)) {
      (line[1].toLowerCase() === "message-id" ? clues.messageIds : clues.returnPaths).push(...angle(line[2]));
    }
  for (const a of m.attachments) {
    if (!/^(message\/rfc822|text\/rfc822-headers|message\/rfc822-headers|message\/global(-headers)?)$/i.test(a.contentType)) continue;
    const inner = await simpleParser(a.content, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    clues.messageIds.push(...headerTexts(inner, "message-id").flatMap(angle));
    clues.returnPaths.push(...headerTexts(inner, "return-path").flatMap(angle));
  }
  return { messageIds: [...new Set(clues.messageIds)], returnPaths: [...new Set(clues.returnPaths)] };
}

function attachmentText(m: ParsedMail, type: RegExp): string | undefined {
  const a = m.attachments.find((x) => type.test(x.contentType));
  return a?.content.toString("utf8");
}

/** The manage token of a mailed unsubscribe request: the subject is "unsubscribe <token>" (list-headers.ts). */
export function unsubscribeTokenOf(subject: string | undefined): string | undefined {
  return /^\s*(?:(?:re|fwd?|aw)\s*:\s*)*unsubscribe\s+([A-Za-z0-9_.-]{20,2048})\s*$/i.exec(subject ?? "")?.[1];
}

export async function parseReport(raw: Buffer | string): Promise<ParsedReport> {
  const bytes = typeof raw === "string" ? Buffer.from(raw) : raw;
  const m = await simpleParser(bytes, { keepDeliveryStatus: true, skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  // The report's own Message-ID (or, lacking one, its bytes) keys each item:
  // the same report read twice is recorded once.
  const reportKey = createHash("sha256")
    .update(m.messageId ?? bytes)
    .digest("base64url")
    .slice(0, 32);
  const ct = m.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  const reportType = ct?.value?.toLowerCase() === "multipart/report" ? ct.params?.["report-type"]?.toLowerCase() : undefined;
  const sentTo = [...addressesOf(m.to), ...headerTexts(m, "delivered-to"), ...headerTexts(m, "x-original-to")];

  if (reportType === "delivery-status") {
    const status = attachmentText(m, /^message\/(global-)?delivery-status$/i);
    if (!status) return { items: [{ kind: "ignored", reason: "a delivery report without a delivery-status part", key: reportKey }] };
    const original = await quotedOriginal(m, bytes);
    const recipients = fieldBlocks(status).slice(1);
    const items: ReportItem[] = recipients.map((f, i) => {
      const severity = bounceSeverity(f.action ?? "", f.status ?? "");
      const key = `${reportKey}:${i}`;
      if (!severity)
        return { kind: "ignored", reason: `action ${f.action ?? "missing"}, status ${f.status ?? "missing"}: not a bounce`, key };
      return {
        kind: "bounce",
        severity,
        status: f.status ?? "",
        action: f.action ?? "",
        // The diagnostic often repeats the address; keep only the server's words after it.
        diagnostic: (f["diagnostic-code"] ?? "").replace(/<[^<>\s]+@[^<>\s]+>|[^\s<>]+@[^\s<>]+/g, "<address>").slice(0, 300),
        key,
        clues: { sentTo, ...original },
      };
    });
    return { items: items.length ? items : [{ kind: "ignored", reason: "a delivery report naming no recipient", key: reportKey }] };
  }

  if (reportType === "feedback-report") {
    const fields = fieldBlocks(attachmentText(m, /^message\/feedback-report$/i) ?? "")[0] ?? {};
    const feedbackType = (fields["feedback-type"] ?? "abuse").toLowerCase();
    const original = await quotedOriginal(m, bytes);
    // "not-spam" is the opposite of a complaint; "virus" and "fraud" are about the message, still a complaint.
    if (feedbackType === "not-spam") return { items: [{ kind: "ignored", reason: "a not-spam feedback report", key: reportKey }] };
    return { items: [{ kind: "complaint", feedbackType, key: reportKey, clues: { sentTo, ...original } }] };
  }

  const token = unsubscribeTokenOf(m.subject);
  if (token) return { items: [{ kind: "unsubscribe", token, key: reportKey }] };
  return {
    items: [{ kind: "ignored", reason: "neither a delivery report, a feedback report nor an unsubscribe request", key: reportKey }],
  };
}
