/**
 * Who may do what in the newsroom (decision 0041). Each role includes the
 * ones below it: a moderator handles comments; an editor also subscribers
 * and newsletters; an admin also editors and the audit log. Checked on the
 * server for every page and request; the navigation only mirrors it.
 */
export const ROLES = ["moderator", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === "string" && (ROLES as readonly string[]).includes(value);

/** Whether `role` includes the rights of `needed`. An unknown role has none. */
export function hasRole(role: string, needed: Role): boolean {
  return isRole(role) && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export const ROLE_LABELS: Record<Role, string> = { moderator: "Moderator", editor: "Editor", admin: "Admin" };

/** The badge on a reply written as the publication. */
export const BADGES = ["editor", "medical-reviewer"] as const;
export type Badge = (typeof BADGES)[number];
export const BADGE_LABELS: Record<Badge, string> = { editor: "Editor", "medical-reviewer": "Medical reviewer" };
export const badgeLabel = (badge: string) => BADGE_LABELS[badge as Badge] ?? "Editor";
