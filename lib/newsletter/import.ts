import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Db } from "../db";
import { checkAddress, emailHash, type AddressPolicy } from "./address";
import { NEWSLETTER_LIMITS } from "./input";

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
};

const EMAIL_COLUMNS = ["email", "email_address", "e-mail"];
const NAME_COLUMNS = ["first_name", "firstname", "first name", "name"];

export async function importSubscribers(db: Db, csv: string, opts: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { imported: [], skipped: [], rejected: [] };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), info: true, skip_empty_lines: true, bom: true, trim: true, relax_column_count: true });
  } catch (e) {
    report.rejected.push({ line: (e as { lines?: number }).lines ?? 1, reason: `not valid CSV: ${(e as Error).message}` });
    return report;
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const emailCol = EMAIL_COLUMNS.find((c) => header.includes(c));
  const nameCol = NAME_COLUMNS.find((c) => header.includes(c));
  if (records.length > 0 && !emailCol) {
    report.rejected.push({ line: 1, reason: `no email column (expected one of: ${EMAIL_COLUMNS.join(", ")})` });
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
