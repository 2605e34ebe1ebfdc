import type { Db } from "../db";
import type { EditorRecord } from "./editors";
import { purgeExpiredChallenges } from "./passkeys";
import { hashSecret, isWellFormedSecret, newSecret } from "./tokens";

/**
 * Newsroom sessions (decision 0040). The cookie holds a random token; the
 * database holds its SHA-256. A session ends after `idleMs` without a
 * request or at `expiresAt` (the absolute lifetime), whichever comes
 * first; signing out deletes it, "sign out everywhere" deletes all of the
 * editor's. `lastSeenAt` is written at most once per TOUCH_MS, not on
 * every request.
 */
export type SessionPolicy = { idleMs: number; absoluteMs: number };
const TOUCH_MS = 60_000;

export type SessionEditor = Omit<EditorRecord, "createdAt"> & { sessionId: string };

export async function createSession(
  db: Db,
  editorId: string,
  policy: SessionPolicy,
  meta: { userAgent: string | null; ipPrefix: string | null },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  await db.editorSession.create({
    data: { tokenHash: hashSecret(token), editorId, createdAt: now, lastSeenAt: now, expiresAt, ...meta },
  });
  return { token, expiresAt };
}

/** The editor a session token belongs to, if the session is alive; a dead one is deleted. */
export async function readSession(
  db: Db,
  token: string | undefined,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionEditor | null> {
  if (!isWellFormedSecret(token)) return null;
  const session = await db.editorSession.findUnique({ where: { tokenHash: hashSecret(token) }, include: { editor: true } });
  if (!session) return null;
  if (!sessionAlive(session, policy, now)) {
    await db.editorSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS)
    await db.editorSession.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  const e = session.editor;
  return {
    sessionId: session.id,
    id: e.id,
    email: e.email,
    displayName: e.displayName,
    role: e.role,
    credentials: e.credentials,
    badge: e.badge,
  };
}

/** Alive: not past its absolute end, and used within the idle timeout. */
export function sessionAlive(s: { expiresAt: Date; lastSeenAt: Date }, policy: SessionPolicy, now: Date): boolean {
  return s.expiresAt.getTime() > now.getTime() && now.getTime() - s.lastSeenAt.getTime() < policy.idleMs;
}

export type SessionRow = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ipPrefix: string | null;
};

export async function listSessions(db: Db, editorId: string): Promise<SessionRow[]> {
  return db.editorSession.findMany({
    where: { editorId },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ipPrefix: true },
    orderBy: { lastSeenAt: "desc" },
  });
}

/** Ends one of the editor's own sessions; another editor's id changes nothing. */
export async function endSession(db: Db, editorId: string, sessionId: string): Promise<boolean> {
  return (await db.editorSession.deleteMany({ where: { id: sessionId, editorId } })).count > 0;
}

/** "Sign out everywhere": every session of this editor, this one included. */
export async function endAllSessions(db: Db, editorId: string): Promise<number> {
  return (await db.editorSession.deleteMany({ where: { editorId } })).count;
}

/** Drops expired sessions, sign-in links and passkey challenges; the worker calls this with its other purges. */
export async function purgeExpiredSessions(db: Db, policy: SessionPolicy, now = new Date()): Promise<number> {
  const idleBefore = new Date(now.getTime() - policy.idleMs);
  const sessions = await db.editorSession.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleBefore } }] } });
  const links = await db.signInRequest.deleteMany({ where: { expiresAt: { lte: new Date(now.getTime() - 86_400_000) } } });
  return sessions.count + links.count + (await purgeExpiredChallenges(db, now));
}
