import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./newsroom.css";
import { ConsoleChrome } from "@/components/newsroom/console-chrome";
import { site } from "@/lib/site";
import { currentEditor } from "@/wiring/newsroom";

// The newsroom's frame: banner in local mode, navigation for the editor's
// role. It guards nothing by itself: every page calls requireEditor(role)
// (wiring/newsroom.ts explains how a section page and an API route use it).
export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: { default: "Newsroom", template: `%s | Newsroom | ${site.name}` },
  robots: { index: false, follow: false },
};

export default async function NewsroomLayout({ children }: { children: ReactNode }) {
  const editor = await currentEditor();
  return (
    <ConsoleChrome
      editor={editor ? { displayName: editor.displayName, role: editor.role, local: editor.local } : null}
      siteName={site.name}
    >
      {children}
    </ConsoleChrome>
  );
}
