import { getMDXComponent } from "mdx-bundler/client";
import { renderToStaticMarkup } from "react-dom/server";
import type { Newsletter } from "@/lib/content/types";
import { emailComponents } from "./email-components";

/** A newsletter issue's MDX body as email-safe HTML (inline styles, absolute links). Rendered once per issue. */
export function renderIssueBody(issue: Pick<Newsletter, "body">, publicUrl: string): string {
  const Body = getMDXComponent(issue.body.code);
  return renderToStaticMarkup(<Body components={emailComponents(publicUrl)} />);
}
