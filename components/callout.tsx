import type { ReactNode } from "react";

const LABELS = { note: "Note", tip: "Tip", warning: "Important" } as const;

export function Callout({ type = "note", title, children }: { type?: keyof typeof LABELS; title?: string; children: ReactNode }) {
  return (
    <aside className={`callout callout-${type}`} aria-label={title ?? LABELS[type]}>
      <p className="callout-title">{title ?? LABELS[type]}</p>
      {children}
    </aside>
  );
}
