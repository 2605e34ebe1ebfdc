import Link from "next/link";
import type { ReactNode } from "react";
import { hasRole, ROLE_LABELS, type Role } from "@/lib/newsroom/roles";

/** The newsroom's sections, each with the least role that may open it (the pages check it again). */
export const SECTIONS: { href: string; label: string; role: Role }[] = [
  { href: "/newsroom", label: "Overview", role: "moderator" },
  { href: "/newsroom/comments", label: "Comments", role: "moderator" },
  { href: "/newsroom/subscribers", label: "Subscribers", role: "editor" },
  { href: "/newsroom/newsletters", label: "Newsletters", role: "editor" },
  { href: "/newsroom/stats", label: "Stats", role: "editor" },
  { href: "/newsroom/editors", label: "Editors", role: "admin" },
  { href: "/newsroom/audit", label: "Audit log", role: "admin" },
];

export type ChromeEditor = { displayName: string; role: string; local: boolean };

export function ConsoleChrome({ editor, siteName, children }: { editor: ChromeEditor | null; siteName: string; children: ReactNode }) {
  return (
    <div className="newsroom">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="newsroom-header">
        {editor?.local ? (
          <p className="newsroom-banner" role="status">
            Local mode: you are signed in automatically as the local admin. In production, editors sign in by an emailed link.
          </p>
        ) : null}
        <div className="newsroom-bar">
          <Link href="/newsroom" className="newsroom-title">
            {siteName} newsroom
          </Link>
          {editor ? (
            <div className="newsroom-who">
              <Link href="/newsroom/account">
                {editor.displayName} <span className="meta">({ROLE_LABELS[editor.role as Role] ?? editor.role})</span>
              </Link>
              {editor.local ? null : (
                <form method="post" action="/api/newsroom/sign-out">
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </form>
              )}
            </div>
          ) : null}
        </div>
        {editor ? (
          <nav aria-label="Newsroom">
            <ul>
              {SECTIONS.filter((s) => hasRole(editor.role, s.role)).map((s) => (
                <li key={s.href}>
                  <Link href={s.href}>{s.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="newsroom-main">
        {children}
      </main>
    </div>
  );
}

type Param = string | string[] | undefined;

/** The ?notice= / ?error= a form post came back with; a page passes its query's values as they are (a repeated one is ignored). */
export function Notice({ notice, error }: { notice?: Param; error?: Param }) {
  if (typeof error === "string" && error)
    return (
      <p className="newsroom-error" role="alert">
        {error}
      </p>
    );
  if (typeof notice === "string" && notice)
    return (
      <p className="newsroom-notice" role="status">
        {notice}
      </p>
    );
  return null;
}

/** A button that posts one object's id to `action`: the console's row actions (end a session, remove an editor, unblock a range). */
export function PostButton({ action, id, label, children }: { action: string; id: string; label?: string; children: ReactNode }) {
  return (
    <form method="post" action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" aria-label={label}>
        {children}
      </button>
    </form>
  );
}
