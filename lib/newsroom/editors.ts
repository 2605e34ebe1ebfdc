import { z } from "zod";
import type { Db } from "../db";
import { audit, type Actor } from "./audit";
import { BADGES, ROLES, type Role } from "./roles";

/**
 * The people allowed into the newsroom. Added by the operator
 * (`npm run editors`) or an admin in the console; both call these
 * functions, and every change is in the audit log.
 */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const editorInput = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ message: "Enter an email address, e.g. ana@example.org" })),
  displayName: z
    .string()
    .trim()
    .min(1, "Enter the name readers see on this person's replies")
    .max(80, "Use at most 80 characters")
    .optional(),
  role: z.enum(ROLES, { message: `Choose one of: ${ROLES.join(", ")}` }),
  credentials: z.string().trim().max(60, "Use at most 60 characters").optional(),
  badge: z.enum(BADGES).optional(),
});
export type EditorInput = z.input<typeof editorInput>;

export type EditorRecord = {
  id: string;
  email: string;
  displayName: string;
  role: string;
  credentials: string | null;
  badge: string;
  createdAt: Date;
};

/** "a•••@example.org": enough for an admin to tell people apart; no full address reaches a page. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

const nameFromEmail = (email: string) => email.slice(0, email.indexOf("@")).replace(/[._-]+/g, " ");

export type AddEditorResult = { ok: true; editor: EditorRecord } | { ok: false; errors: Record<string, string> };

export async function addEditor(db: Db, actor: Actor, raw: unknown): Promise<AddEditorResult> {
  const parsed = editorInput.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  const input = parsed.data;
  const email = normaliseEmail(input.email);
  if (await db.editor.findUnique({ where: { email } })) return { ok: false, errors: { email: "This person is already an editor" } };
  const editor = await db.editor.create({
    data: {
      email,
      displayName: input.displayName ?? nameFromEmail(email),
      role: input.role,
      credentials: input.credentials || null,
      badge: input.badge ?? "editor",
    },
  });
  await audit(db, actor, {
    action: "editor.add",
    objectType: "editor",
    objectId: editor.id,
    after: { name: editor.displayName, role: editor.role, email: maskEmail(email) },
  });
  return { ok: true, editor };
}

export async function listEditors(db: Db): Promise<EditorRecord[]> {
  return db.editor.findMany({ orderBy: [{ role: "asc" }, { displayName: "asc" }] });
}

export async function findEditorByEmail(db: Db, email: string): Promise<EditorRecord | null> {
  return db.editor.findUnique({ where: { email: normaliseEmail(email) } });
}

export type RemoveEditorResult = { ok: true } | { ok: false; message: string };

/**
 * Removes an editor and every session they have. The last admin stays:
 * without one, nobody could add editors from the console again.
 */
export async function removeEditor(db: Db, actor: Actor, by: { id?: string; email?: string }): Promise<RemoveEditorResult> {
  const editor = by.id ? await db.editor.findUnique({ where: { id: by.id } }) : by.email ? await findEditorByEmail(db, by.email) : null;
  if (!editor) return { ok: false, message: "There is no such editor (already removed?)" };
  if (editor.role === "admin" && (await db.editor.count({ where: { role: "admin" } })) <= 1)
    return { ok: false, message: "This is the last admin: add another admin first" };
  const removed = await db.editor.deleteMany({ where: { id: editor.id } });
  if (removed.count === 0) return { ok: false, message: "There is no such editor (already removed?)" };
  await audit(db, actor, {
    action: "editor.remove",
    objectType: "editor",
    objectId: editor.id,
    before: { name: editor.displayName, role: editor.role, email: maskEmail(editor.email) },
  });
  return { ok: true };
}

/**
 * The first admin, named in configuration (NEWSROOM_ADMIN_EMAIL): created
 * as an admin when missing, so a fresh production site can be entered
 * without a shell. An existing editor with that address keeps their role.
 */
export async function ensureConfiguredAdmin(db: Db, email: string | undefined): Promise<void> {
  if (!email) return;
  const normalised = normaliseEmail(email);
  if (await db.editor.findUnique({ where: { email: normalised } })) return;
  await addEditor(
    db,
    { id: null, name: "configuration (NEWSROOM_ADMIN_EMAIL)", ipPrefix: null },
    { email: normalised, role: "admin" satisfies Role },
  ).catch(() => {
    // Two instances starting at once: the other one created it.
  });
}

/** Local mode's automatic admin (decision 0040): a real row, so the audit log names who acted. */
export const LOCAL_ADMIN_EMAIL = "local-admin@localhost";
export async function localAdmin(db: Db): Promise<EditorRecord> {
  return db.editor.upsert({
    where: { email: LOCAL_ADMIN_EMAIL },
    create: { email: LOCAL_ADMIN_EMAIL, displayName: "Local admin", role: "admin" },
    update: {},
  });
}
