import { editorForRequest } from "@/app/newsroom/newsletters/_access";
import { darkVersion, issueSlug } from "@/lib/newsroom/newsletters";
import { personaliser } from "@/lib/newsletter/placeholders";
import { renderedIssue } from "../../_issues";

// GET /newsroom/newsletters/<slug>/email?scheme=light|dark — the issue's HTML
// part for the preview iframes, personalised for a sample reader. Console
// only (signed-in editors), and sandboxed twice: the iframe's sandbox
// attribute and this response's own CSP `sandbox` (no scripts, no same
// origin, so the email's markup can never act as the console).
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const who = await editorForRequest(request, "editor", { accept: [], sameOrigin: false });
  if (!who.ok) return who.response;
  const slug = issueSlug.safeParse((await params).slug);
  const issue = slug.success ? await renderedIssue(slug.data) : undefined;
  if (!issue) return Response.json({ error: "No such issue" }, { status: 404 });
  const sample = personaliser(issue)({ firstName: "Alex", unsubscribeUrl: "#unsubscribe", preferencesUrl: "#preferences" });
  const dark = new URL(request.url).searchParams.get("scheme") === "dark";
  const html = `${dark ? darkVersion(String(sample.html)) : String(sample.html)}`.replace("<head>", '<head><base target="_blank">');
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "private, no-store",
      "content-security-policy":
        "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      "x-content-type-options": "nosniff",
      // server.ts sends DENY on every response; these previews are framed by the console's own pages.
      "x-frame-options": "SAMEORIGIN",
    },
  });
}
