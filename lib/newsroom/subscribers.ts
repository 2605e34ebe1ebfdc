import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Db } from "../db";
import { emailHash, type AddressPolicy } from "../newsletter/address";
import { CONSENT_TEXTS } from "../newsletter/consent";
import { choiceOfRow, consentTopicsOf } from "../newsletter/topics";
import { importSubscribers, type ImportReport } from "../newsletter/import";
import { subscriberCounts, suppressSubscriber, type SubscriberCounts } from "../newsletter/subscriptions";
import { csvCell } from "../text/csv";

/**
 * The newsroom's subscriber section (decision 0043): the queries behind its
 * pages and the actions behind its forms. The rules themselves (import,
 * suppression, counts) stay in lib/newsletter and are shared with
 * `npm run subscribers`; this module only adds what a browser needs
 * (weekly buckets, keyset pages, one record) and the audit trail.
 */

/** What the console records through the newsroom's audit log (H14a's), kept as an interface so this module does not depend on it. */
export type AuditEntry = { action: string; objectType: string; objectId: string; detail?: string };
export type Audit = (entry: AuditEntry) => Promise<void>;

export type Week = { start: Date; confirmed: number };

const WEEK_MS = 7 * 86_400_000;

/** Monday 00:00 UTC of the week containing `d`. */
export function weekStart(d: Date): Date {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}

/**
 * Confirmations per week for the last `weeks` weeks (the current one
 * included). One range count per week on the confirmedAt index: portable
 * between SQLite and PostgreSQL (no date functions) and each count reads
 * only its week's slice of the index. Subscribers who left since are not in
 * any bar: the chart shows today's list by the week it joined.
 */
export async function weeklyGrowth(db: Db, weeks = 12, now = new Date()): Promise<Week[]> {
  const first = new Date(weekStart(now).getTime() - (weeks - 1) * WEEK_MS);
  const starts = Array.from({ length: weeks }, (_, i) => new Date(first.getTime() + i * WEEK_MS));
  const counts = await Promise.all(
    starts.map((start) =>
      // confirmedAt alone: only confirmed rows have one, and a status filter would lead the planner to the status index.
      db.subscriber.count({ where: { confirmedAt: { gte: start, lt: new Date(start.getTime() + WEEK_MS) } } }),
    ),
  );
  return starts.map((start, i) => ({ start, confirmed: counts[i] }));
}

export async function subscriberOverview(db: Db, now = new Date()): Promise<{ counts: SubscriberCounts; weeks: Week[] }> {
  const [counts, weeks] = await Promise.all([subscriberCounts(db), weeklyGrowth(db, 12, now)]);
  return { counts, weeks };
}

/** The search form: an exact address or the start of one; at least 3 characters, so the page never lists the whole file. */
export const searchInput = z.object({
  q: z
    .string()
    .trim()
    .min(3, "Type at least 3 characters of the address")
    .max(254, "An address has at most 254 characters")
    .refine((s) => !/[\s\u0000-\u001f]/.test(s), "An address has no spaces"),
  after: z
    .string()
    .max(400)
    .regex(/^[A-Za-z0-9_-]*$/, "Not a page of these results")
    .optional(),
});

export type SubscriberRow = { id: string; email: string; status: string; paused: boolean; createdAt: Date; confirmedAt: Date | null };
export type SearchPage = { rows: SubscriberRow[]; next?: string; exact: boolean };

const PAGE = 25;
/** Above every character an address can hold: `prefix` ≤ email < `prefix + TOP` is "starts with", and uses the email index. */
const TOP = "\u{10FFFF}";

const cursorOf = (r: { email: string; id: string }) => Buffer.from(JSON.stringify([r.email, r.id])).toString("base64url");
function readCursor(after: string | undefined): { email: string; id: string } | undefined {
  if (!after) return undefined;
  try {
    const [email, id] = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as unknown[];
    return typeof email === "string" && typeof id === "string" ? { email, id } : undefined;
  } catch {
    return undefined;
  }
}

const rowSelect = { id: true, email: true, status: true, paused: true, createdAt: true, confirmedAt: true } as const;

/**
 * An exact address (found by its hash, whatever its case) or, failing that,
 * addresses starting with the text, in address order, a page at a time
 * (keyset: the next page starts after the last address shown, so page 400
 * costs what page 1 does).
 */
export async function searchSubscribers(db: Db, input: { q: string; after?: string }, pageSize = PAGE): Promise<SearchPage> {
  const q = input.q.trim();
  if (q.includes("@") && !input.after) {
    const exact = await db.subscriber.findUnique({ where: { emailHash: emailHash(q) }, select: rowSelect });
    if (exact) return { rows: [exact], exact: true };
  }
  // Domains are stored lower-cased; the local part as typed. A prefix is
  // matched as typed, and lower-cased when it reaches the domain.
  const at = q.indexOf("@");
  const prefix = at >= 0 ? q.slice(0, at + 1) + q.slice(at + 1).toLowerCase() : q;
  const after = readCursor(input.after);
  const rows = await db.subscriber.findMany({
    where: {
      // The range uses the index; startsWith keeps the answer exact under any collation.
      AND: [{ email: { gte: prefix, lt: prefix + TOP } }, { email: { startsWith: prefix } }],
      ...(after ? { OR: [{ email: { gt: after.email } }, { email: after.email, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ email: "asc" }, { id: "asc" }],
    take: pageSize + 1,
    select: rowSelect,
  });
  const more = rows.length > pageSize;
  const shown = rows.slice(0, pageSize);
  return { rows: shown, exact: false, next: more ? cursorOf(shown[shown.length - 1]) : undefined };
}

/** A subscriber's record: the row, the consent they gave in the words they saw, and their latest deliveries. */
export async function subscriberRecord(db: Db, id: string, deliveries = 20) {
  const row = await db.subscriber.findUnique({ where: { id }, include: { topics: { select: { topic: true } } } });
  if (!row) return undefined;
  const sent = await db.delivery.findMany({
    where: { subscriberId: id },
    orderBy: { id: "desc" },
    take: deliveries,
    select: {
      id: true,
      status: true,
      sentAt: true,
      attempts: true,
      error: true,
      inDoubt: true,
      campaign: { select: { id: true, subject: true, newsletterSlug: true } },
    },
  });
  const suppressed = await db.suppression.findUnique({ where: { emailHash: row.emailHash }, select: { reason: true } });
  return {
    subscriber: row,
    consentText: CONSENT_TEXTS[row.consentTextVersion as keyof typeof CONSENT_TEXTS] ?? null,
    /** The topics now, and as agreed to at signup (decision 0044). */
    topics: choiceOfRow(row),
    consentTopics: consentTopicsOf(row.consentTopics),
    suppressed: suppressed?.reason ?? null,
    deliveries: sent,
  };
}
export type SubscriberRecord = NonNullable<Awaited<ReturnType<typeof subscriberRecord>>>;

export const EXPORT_COLUMNS = [
  "email",
  "first_name",
  "status",
  "paused",
  "confirmed_at",
  "consent_at",
  "consent_source",
  "consent_text_version",
] as const;

type ExportRow = {
  id: string;
  email: string;
  firstName: string | null;
  status: string;
  paused: boolean;
  confirmedAt: Date | null;
  consentAt: Date | null;
  consentSource: string | null;
  consentTextVersion: string | null;
};

/** Rows as CSV lines. Every cell that came from outside is made safe for spreadsheets ("=HYPERLINK(…)" in a name stays text). */
export function subscriberCsv(rows: ExportRow[], header: boolean): string {
  return stringify(
    rows.map((r) => [
      csvCell(r.email),
      csvCell(r.firstName),
      r.status,
      r.paused ? "true" : "false",
      r.confirmedAt?.toISOString() ?? "",
      r.consentAt?.toISOString() ?? "",
      csvCell(r.consentSource),
      csvCell(r.consentTextVersion),
    ]),
    { header, columns: [...EXPORT_COLUMNS] },
  );
}

/**
 * The export of `npm run subscribers -- export` and of the console, in
 * batches of 2,000 by id (keyset), so memory stays flat with any list size.
 */
export async function* exportSubscribersCsv(
  db: Db,
  filter: { status?: "pending" | "confirmed" } = {},
  batch = 2000,
): AsyncGenerator<string> {
  let after: string | undefined;
  let first = true;
  for (;;) {
    const rows = await db.subscriber.findMany({
      where: { ...filter, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: batch,
    });
    if (rows.length === 0 && !first) return;
    yield subscriberCsv(rows, first);
    first = false;
    if (rows.length < batch) return;
    after = rows[rows.length - 1].id;
  }
}

/** The import report as the CLI prints it, line by line: the console shows the same lines. */
export function importReportLines(report: ImportReport, state: "pending" | "confirmed"): string[] {
  const lines: string[] = [];
  for (const r of report.rejected) lines.push(`line ${r.line}: rejected: ${r.reason}`);
  for (const s of report.skipped) lines.push(`line ${s.line}: skipped: ${s.reason}`);
  for (const s of report.suppressed) lines.push(`line ${s.line}: ${s.reason} in the old tool: kept as a suppression, never mailed`);
  const suppressed = report.suppressed.length ? `, suppressed ${report.suppressed.length}` : "";
  lines.push(
    `imported ${report.imported.length} as ${state}, skipped ${report.skipped.length}, rejected ${report.rejected.length}${suppressed}`,
  );
  return lines;
}

/** The largest CSV the console accepts (the CLI has no cap: an operator on the machine can import any file). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export const importInput = z.object({
  state: z.enum(["pending", "confirmed"], { message: "Choose whether these people are pending or already confirmed" }),
  attest: z.string().optional(),
});

/** The console's import: the CLI's function, then one audit entry. No email is sent from here (see decision 0043). */
export async function importFromConsole(
  db: Db,
  audit: Audit,
  file: { name: string; text: string },
  opts: { state: "pending" | "confirmed"; policy: AddressPolicy },
): Promise<{ lines: string[]; report: ImportReport }> {
  const report = await importSubscribers(db, file.text, {
    source: file.name.replace(/[^\w.-]+/g, "_").slice(0, 80) || "upload.csv",
    asConfirmed: opts.state === "confirmed",
    policy: opts.policy,
  });
  const lines = importReportLines(report, opts.state);
  await audit({
    action: "subscribers.import",
    objectType: "subscribers",
    objectId: file.name.slice(0, 120),
    detail: lines[lines.length - 1],
  });
  return { lines, report };
}

export type RemoveResult = { ok: true } | { ok: false; message: string };

/**
 * delete: the subscriber leaves the list; their address stays only as a
 * hash in Suppression ("deleted"), so no import or mistake mails them
 * again, and past deliveries lose the address (lib/newsletter's rule).
 *
 * erase: the right to erasure. The same, and then the suppression hash and
 * every delivery row go too: nothing about the person remains. The cost,
 * said on the button: an old list imported again could add them back.
 */
export async function removeSubscriber(db: Db, audit: Audit, id: string, how: "delete" | "erase"): Promise<RemoveResult> {
  const row = await db.subscriber.findUnique({ where: { id }, select: { id: true, emailHash: true } });
  if (!row) return { ok: false, message: "This subscriber no longer exists (deleted or erased already). Nothing was changed." };
  await suppressSubscriber(db, { id }, "deleted");
  if (how === "erase") {
    await db.$transaction([
      db.delivery.deleteMany({ where: { subscriberId: id } }),
      db.suppression.deleteMany({ where: { emailHash: row.emailHash } }),
    ]);
  }
  // The audit entry names the record by id only: an erased person is not kept in the log either.
  await audit({ action: `subscriber.${how}`, objectType: "subscriber", objectId: id });
  return { ok: true };
}

/** Ids are cuids (or imported ids of the same shape): anything else is refused before a query. */
export const subscriberId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a subscriber id");
