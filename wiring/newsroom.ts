/**
 * The newsroom's guard: who is signed in, and whether their role allows
 * this page or request (decisions 0040, 0041). Every console page and
 * every console API route goes through it; the layout's navigation only
 * mirrors what it allows.
 *
 * A section page (app/newsroom/<section>/page.tsx), a server component:
 *
 *   export const dynamic = "force-dynamic";
 *   export default async function Page() {
 *     const editor = await requireEditor("editor"); // signed out: redirect to sign-in; role too low: /newsroom/forbidden
 *     …load data with editor.role in mind, render…
 *   }
 *
 * An API route (app/api/newsroom/<section>/route.ts):
 *
 *   export async function POST(request: Request) {
 *     const req = await newsroomRequest(request, "editor", { accept: ["form", "json"] });
 *     if (!req.ok) return req.response; // gate refusal (origin, size, flood, type), 401 signed out, 403 role too low
 *     …zod-parse req.body.data, call the lib rule, audit(db(), req.actor, {...})…
 *     return answer(req, { back: "/newsroom/<section>", notice: "Saved" }); // forms: 303 back; fetch: JSON
 *   }
 *
 * A GET route (a CSV download) passes `{ accept: [], sameOrigin: false }`:
 * a navigation sends no Origin, and a GET changes nothing. Roles:
 * "moderator" < "editor" < "admin" (lib/newsroom/roles.ts).
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { emailTemplates } from "@/components/email/templates";
import { db } from "@/lib/db";
import { env, type Env } from "@/lib/env";
import { mailer } from "@/lib/mail";
import { memoize } from "@/lib/memoize";
import { audit, type Actor } from "@/lib/newsroom/audit";
import { ensureConfiguredAdmin, localAdmin } from "@/lib/newsroom/editors";
import { relyingPartyOf, type PasskeySignInDeps } from "@/lib/newsroom/passkeys";
import { hasRole, type Role } from "@/lib/newsroom/roles";
import { createSession, readSession, type SessionEditor, type SessionPolicy } from "@/lib/newsroom/sessions";
import type { SignInRequestDeps } from "@/lib/newsroom/sign-in";
import { SESSION_COOKIE, cookie, cookieValue, userAgentSummary } from "@/lib/newsroom/tokens";
import { rateLimitKey, truncatedAddress } from "@/lib/security/client-address";
import { CLIENT_IP_HEADER, clientIp, gate, type GateOptions, type ParsedBody } from "@/lib/security/gate";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { site } from "@/lib/site";

export type { SessionEditor } from "@/lib/newsroom/sessions";
export type NewsroomEditor = SessionEditor & { local: boolean };

export function sessionPolicy(e: Env = env()): SessionPolicy {
  return { idleMs: e.NEWSROOM_SESSION_IDLE_HOURS * 3_600_000, absoluteMs: e.NEWSROOM_SESSION_MAX_DAYS * 86_400_000 };
}

/**
 * Local mode without a mail relay (a newcomer's `npm start`) signs everyone
 * in as the local admin, said in a banner: there is no inbox to receive a
 * link. With SMTP_URL set, or in production, sign-in is by link only.
 */
export const localAutoSignIn = (e: Env = env()) => e.APP_MODE === "local" && !e.SMTP_URL;

/** Secure cookies whenever the site is served over https (always, in production behind TLS). */
export const secureCookies = (e: Env = env()) => e.PUBLIC_URL.startsWith("https:") || e.APP_MODE === "production";

export function sessionCookie(token: string, e: Env = env()): string {
  return cookie(SESSION_COOKIE, token, { maxAgeSeconds: Math.round(e.NEWSROOM_SESSION_MAX_DAYS * 86_400), secure: secureCookies(e) });
}

/**
 * Starts a signed-in session for an editor whose sign-in just checked out
 * (an emailed link or a passkey): the session row, the audit entry, and the
 * session cookie to set on the answer. One place, so both ways in open the
 * same kind of session and are audited the same way.
 */
export async function openSession(
  request: Request,
  ip: string,
  editorId: string,
  method: { method: "link" } | { method: "passkey"; passkey: string },
): Promise<{ cookie: string }> {
  const ipPrefix = truncatedAddress(ip);
  const session = await createSession(db(), editorId, sessionPolicy(), {
    userAgent: userAgentSummary(request.headers.get("user-agent")),
    ipPrefix,
  });
  const editor = await db().editor.findUnique({ where: { id: editorId }, select: { displayName: true } });
  await audit(
    db(),
    { id: editorId, name: editor?.displayName ?? "?", ipPrefix },
    { action: "session.sign-in", objectType: "editor", objectId: editorId, after: method },
  );
  return { cookie: sessionCookie(session.token) };
}

async function editorFromToken(token: string | undefined): Promise<NewsroomEditor | null> {
  const signedIn = await readSession(db(), token, sessionPolicy());
  if (signedIn) return { ...signedIn, local: false };
  if (!localAutoSignIn()) return null;
  const admin = await localAdmin(db());
  return { ...admin, sessionId: "", local: true };
}

/** The signed-in editor of this page request, or null. For the layout; pages call requireEditor. */
export async function currentEditor(): Promise<NewsroomEditor | null> {
  return editorFromToken((await cookies()).get(SESSION_COOKIE)?.value);
}

/** For pages: the signed-in editor with at least `role`; otherwise a server-side redirect and no data. */
export async function requireEditor(role: Role): Promise<NewsroomEditor> {
  const editor = await currentEditor();
  if (!editor) redirect("/newsroom/sign-in");
  if (!hasRole(editor.role, role)) redirect("/newsroom/forbidden");
  return editor;
}

/** Who acted, for the audit log: the editor and their truncated network. */
export const actorOf = (editor: Pick<SessionEditor, "id" | "displayName">, ip: string): Actor => ({
  id: editor.id,
  name: editor.displayName,
  ipPrefix: truncatedAddress(ip),
});

/** The client address of the current page request (server.ts sets it). */
export async function pageIp(): Promise<string> {
  return (await headers()).get(CLIENT_IP_HEADER) ?? "unknown";
}

export type NewsroomRequest =
  { ok: true; editor: NewsroomEditor; actor: Actor; ip: string; body: ParsedBody } | { ok: false; response: Response };

/** For API routes: the gate first (origin, size, flood, type), then the session, then the role. */
export async function newsroomRequest(request: Request, role: Role, opts: GateOptions): Promise<NewsroomRequest> {
  const req = await gate(request, opts);
  if (!req.ok) return { ok: false, response: req.response };
  const editor = await editorFromToken(cookieValue(request.headers.get("cookie"), SESSION_COOKIE));
  const wantsPage = req.body.kind === "form" && (request.headers.get("accept") ?? "").includes("text/html");
  if (!editor) {
    if (wantsPage) return { ok: false, response: seeOther("/newsroom/sign-in") };
    return { ok: false, response: Response.json({ error: "Sign in to the newsroom first" }, { status: 401 }) };
  }
  if (!hasRole(editor.role, role))
    return { ok: false, response: Response.json({ error: `This needs the ${role} role or higher` }, { status: 403 }) };
  return { ok: true, editor, actor: actorOf(editor, req.ip), ip: req.ip, body: req.body };
}

export const seeOther = (location: string, extraHeaders: Record<string, string> = {}) =>
  new Response(null, { status: 303, headers: { Location: new URL(location, env().PUBLIC_URL).toString(), ...extraHeaders } });

/** A console path to send a form back to: only /newsroom pages, never another site. */
export function backTo(value: unknown, fallback: string): string {
  return typeof value === "string" && /^\/newsroom(\/[\w\-/]*)?(\?[\w\-=&%.:]*)?$/.test(value) ? value : fallback;
}

/**
 * The answer to a console request: a form (no JavaScript) is sent back to
 * the page with a notice or an error; a script gets JSON.
 */
export function answer(
  req: { body: ParsedBody },
  r: { back: string; notice?: string; error?: string; field?: string; status?: number; json?: Record<string, unknown> },
): Response {
  const status = r.status ?? (r.error ? 400 : 200);
  if (req.body.kind === "form") {
    const url = new URL(backTo(req.body.data.back, r.back), env().PUBLIC_URL);
    if (r.notice) url.searchParams.set("notice", r.notice);
    if (r.error) url.searchParams.set("error", r.error);
    return seeOther(url.pathname + url.search);
  }
  return Response.json(r.error ? { error: r.error, ...(r.field ? { field: r.field } : {}) } : { ok: true, notice: r.notice, ...r.json }, {
    status,
  });
}

const byAddress = memoize(() =>
  createRateLimiter(db(), "newsroom-sign-in-address", { points: env().NEWSROOM_SIGN_IN_RATE_PER_ADDRESS, durationSeconds: 3_600 }),
);
const byIp = memoize(() =>
  createRateLimiter(db(), "newsroom-sign-in-ip", { points: env().NEWSROOM_SIGN_IN_RATE_PER_IP, durationSeconds: 3_600 }),
);

export async function signInDeps(): Promise<SignInRequestDeps> {
  const e = env();
  await ensureConfiguredAdmin(db(), e.NEWSROOM_ADMIN_EMAIL);
  return {
    db: db(),
    limitByAddress: (email) => byAddress().consume(email),
    limitByIp: (ip) => byIp().consume(rateLimitKey(ip)),
    linkBase: `${e.PUBLIC_URL}/newsroom/sign-in/link`,
    // Not awaited by the answer: a known address must not answer slower than an unknown one.
    sendLink: async (to, url, validMinutes) => {
      void (async () => {
        const rendered = await emailTemplates.newsroomSignIn({ siteName: site.name, editorName: to.name, signInUrl: url, validMinutes });
        await mailer().send({ to: to.email, ...rendered });
      })().catch((err) => console.error(`[newsroom] sign-in email failed: ${(err as Error).message}`));
    },
  };
}

// Passkeys (decision 0047) are counted like links: per network where a sign-in starts (the options), per
// credential where it is answered (as links count per address), with the same configured numbers.
const passkeyByIp = memoize(() =>
  createRateLimiter(db(), "newsroom-passkey-ip", { points: env().NEWSROOM_SIGN_IN_RATE_PER_IP, durationSeconds: 3_600 }),
);
const passkeyByCredential = memoize(() =>
  createRateLimiter(db(), "newsroom-passkey-credential", { points: env().NEWSROOM_SIGN_IN_RATE_PER_ADDRESS, durationSeconds: 3_600 }),
);

/** The relying party is the configured site: its host name is the RP ID, its origin the only one accepted. */
export const relyingParty = () => relyingPartyOf(env().PUBLIC_URL, site.name);

export function passkeyDeps(): PasskeySignInDeps {
  return { db: db(), rp: relyingParty(), limitByCredential: (id) => passkeyByCredential().consume(id) };
}

export const limitPasskeySignInByIp = (ip: string) => passkeyByIp().consume(rateLimitKey(ip));

export { clientIp };
