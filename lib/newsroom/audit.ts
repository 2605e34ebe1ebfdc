import type { Db } from "../db";

/**
 * The newsroom's audit log: append-only. This module only inserts and
 * reads; nothing in the code base updates or deletes AuditEntry rows.
 */
export type Actor = { id: string | null; name: string; ipPrefix: string | null };

export type AuditInput = {
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
};

export async function audit(db: Db, actor: Actor, entry: AuditInput, at = new Date()): Promise<void> {
  await db.auditEntry.create({
    data: {
      at,
      editorId: actor.id,
      editorName: actor.name,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ipPrefix: actor.ipPrefix,
    },
  });
}

export type AuditRow = {
  id: string;
  at: Date;
  editorName: string;
  action: string;
  objectType: string;
  objectId: string | null;
  before: string | null;
  after: string | null;
  ipPrefix: string | null;
};

/** A keyset cursor: the last row's time and id ("<ms>.<id>"). */
export const auditCursorOf = (row: Pick<AuditRow, "at" | "id">) => `${row.at.getTime()}.${row.id}`;

function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  const m = /^(\d{1,15})\.([\w-]{1,64})$/.exec(cursor ?? "");
  return m ? { at: new Date(Number(m[1])), id: m[2] } : undefined;
}

/** Newest first, `limit` rows after the cursor (keyset: the page costs the same however deep). */
export async function listAudit(db: Db, opts: { cursor?: string; limit?: number } = {}): Promise<{ rows: AuditRow[]; next?: string }> {
  const limit = opts.limit ?? 50;
  const after = parseCursor(opts.cursor);
  const rows = await db.auditEntry.findMany({
    where: after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {},
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? auditCursorOf(page[page.length - 1]) : undefined };
}
