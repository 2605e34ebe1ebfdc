import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Db } from "../db";
import { checkAddress, emailHash, type AddressPolicy } from "./address";
import { NEWSLETTER_LIMITS } from "./input";
import { suppressSubscriber } from "./subscriptions";

/**
 * CSV import for operators moving a list from another tool. Every row goes
 * through the same address checks as the web form and the suppression list;
 * rejected rows are reported by line number. Import alone never sends mail:
 * rows arrive as pending (to be asked for confirmation with an explicit
 * flag) or, when the operator attests earlier opt-in, as confirmed.
 */
export type ImportOptions = { source: string; asConfirmed: boolean; policy: AddressPolicy; now?: Date };
export type ImportReport = {
  imported: { id: string; email: string; firstName: string | null; nonce: string | null }[];
  skipped: { line: number; reason: string }[];
  rejected: { line: number; reason: string }[];
  /** Rows the old tool had as unsubscribed, bounced or complained: kept only as suppressions, never mailed. */
  suppressed: { line: number; reason: SuppressionReason }[];
};

type SuppressionReason = "unsubscribed" | "bounced" | "complained";

/*
 * Column names as other tools export them, compared with case, spaces,
 * hyphens and underscores ignored ("Email Address" = email_address =
 * EMAILADDRESS): Mailchimp ("Email Address", "First Name", UNSUB_TIME,
 * CLEAN_TIME), MailPoet (email, first_name, status), The Newsletter Plugin
 * (Email; Name; Status with one-letter codes, semicolon-separated), Jetpack,
 * Brevo (EMAIL, FIRSTNAME) and plain lists.
 */
const EMAIL_COLUMNS = ["email", "emailaddress", "mail", "subscriberemail", "useremail"];
const NAME_COLUMNS = ["firstname", "fname", "givenname", "name", "subscribername"];
const STATUS_COLUMNS = ["status", "subscriberstatus", "subscriptionstatus", "emailmarketingstatus", "memberstatus", "state"];
/** Mailchimp's unsubscribed and cleaned exports say so by a date in one of these columns. */
const UNSUBSCRIBED_AT = ["unsubtime", "unsubscribedat", "unsubscribeddate", "optouttime"];
const BOUNCED_AT = ["cleantime", "bouncedat", "cleanedat"];

const normalizeColumn = (c: string) => c.toLowerCase().replace(/[\s_-]+/g, "");

/** A status cell → what to do with the row: import it, keep it only as a suppression, or skip it. */
function statusOf(value: string): { kind: "import" } | { kind: "suppress"; reason: SuppressionReason } | { kind: "skip"; reason: string } {
  const v = value.trim().toLowerCase();
  if (["u", "unsubscribed", "unsubscribe", "opted out", "optedout", "opt-out", "inactive"].includes(v))
    return { kind: "suppress", reason: "unsubscribed" };
  if (["b", "bounced", "cleaned", "hard bounce", "hardbounce", "invalid", "blocklisted", "blacklisted"].includes(v))
    return { kind: "suppress", reason: "bounced" };
  if (["p", "complained", "spam", "spam complaint", "abuse"].includes(v)) return { kind: "suppress", reason: "complained" };
  if (["nonsubscribed", "non-subscribed", "transactional", "archived", "deleted"].includes(v))
    return { kind: "skip", reason: `status "${value.trim()}" in the old tool: not a subscriber` };
  return { kind: "import" };
}

export async function importSubscribers(db: Db, csv: string, opts: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { imported: [], skipped: [], rejected: [], suppressed: [] };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, {
      columns: (h: string[]) => h.map((c) => normalizeColumn(c.trim())),
      // The Newsletter Plugin and some European spreadsheet exports use semicolons.
      delimiter: [",", ";", "\t"],
      info: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (e) {
    report.rejected.push({ line: (e as { lines?: number }).lines ?? 1, reason: `not valid CSV: ${(e as Error).message}` });
    return report;
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const emailCol = EMAIL_COLUMNS.find((c) => header.includes(c));
  const nameCol = NAME_COLUMNS.find((c) => header.includes(c));
  const statusCol = STATUS_COLUMNS.find((c) => header.includes(c));
  const unsubCol = UNSUBSCRIBED_AT.find((c) => header.includes(c));
  const bounceCol = BOUNCED_AT.find((c) => header.includes(c));
  if (records.length > 0 && !emailCol) {
    report.rejected.push({ line: 1, reason: `no email column (expected one of: email, "Email Address", e-mail)` });
    return report;
  }
  const now = opts.now ?? new Date();
  const seen = new Set<string>();
  for (const { record, info } of records) {
    const line = info.lines;
    const address = checkAddress(record[emailCol!] ?? "", opts.policy);
    if (!address.ok) {
      report.rejected.push({ line, reason: `${address.message.toLowerCase()} (“${(record[emailCol!] ?? "").slice(0, 80)}”)` });
      continue;
    }
    const hash = emailHash(address.email);
    if (seen.has(hash)) {
      report.rejected.push({ line, reason: "duplicate of an earlier line" });
      continue;
    }
    seen.add(hash);
    const status =
      bounceCol && record[bounceCol]?.trim()
        ? ({ kind: "suppress", reason: "bounced" } as const)
        : unsubCol && record[unsubCol]?.trim()
          ? ({ kind: "suppress", reason: "unsubscribed" } as const)
          : statusOf(statusCol ? (record[statusCol] ?? "") : "");
    if (status.kind === "skip") {
      report.skipped.push({ line, reason: status.reason });
      continue;
    }
    if (status.kind === "suppress") {
      // Never mailed again, even if the address was on the list here already.
      await suppressSubscriber(db, { emailHash: hash }, status.reason);
      report.suppressed.push({ line, reason: status.reason });
      continue;
    }
    const firstName = nameCol ? (record[nameCol] ?? "").slice(0, NEWSLETTER_LIMITS.firstName) || null : null;
    if (await db.suppression.findUnique({ where: { emailHash: hash } })) {
      report.rejected.push({ line, reason: "suppressed (unsubscribed, bounced or deleted earlier); only the person can re-subscribe" });
      continue;
    }
    if (await db.subscriber.findUnique({ where: { emailHash: hash }, select: { id: true } })) {
      report.skipped.push({ line, reason: "already on the list" });
      continue;
    }
    const nonce = opts.asConfirmed ? null : randomBytes(12).toString("base64url");
    const row = await db.subscriber.create({
      data: {
        email: address.email,
        emailHash: hash,
        firstName,
        status: opts.asConfirmed ? "confirmed" : "pending",
        confirmedAt: opts.asConfirmed ? now : null,
        confirmNonce: nonce,
        consentAt: opts.asConfirmed ? now : null,
        consentSource: `import:${opts.source}`.slice(0, 107),
        consentTextVersion: opts.asConfirmed ? "imported-with-prior-consent" : null,
      },
      select: { id: true, email: true, firstName: true },
    });
    report.imported.push({ ...row, nonce });
  }
  return report;
}
