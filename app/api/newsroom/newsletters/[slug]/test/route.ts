import { editorForRequest } from "@/app/newsroom/newsletters/_access";
import { renderedIssue } from "@/app/newsroom/newsletters/_issues";
import { env } from "@/lib/env";
import { mailer } from "@/lib/mail";
import { issueSlug, sendTestCopy } from "@/lib/newsroom/newsletters";
import { workerDeps } from "@/wiring/newsletter";

// POST /api/newsroom/newsletters/<slug>/test — one [TEST] copy to the signed-in
// editor's own address (never an address typed in a form: the console is no open relay).
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const who = await editorForRequest(request, "editor", { accept: ["form", "json"] });
  if (!who.ok) return who.response;
  const req = who;
  const slug = issueSlug.safeParse((await params).slug);
  const issue = slug.success ? await renderedIssue(slug.data) : undefined;
  if (!slug.success || !issue) return Response.json({ error: "No such issue", field: "slug" }, { status: 404 });
  const json = req.body.kind === "json";
  try {
    await sendTestCopy({ ...workerDeps(), mailer: mailer() }, issue, who.editor.email);
  } catch {
    if (json) return Response.json({ error: "The mail relay did not answer; try again in a minute" }, { status: 502 });
    return see(`/newsroom/newsletters/${slug.data}?error=mail`);
  }
  await who.audit({ action: "newsletter.test", objectType: "newsletter", objectId: slug.data });
  if (json) return Response.json({ ok: true });
  return see(`/newsroom/newsletters/${slug.data}?done=test`);
}

const see = (path: string) => new Response(null, { status: 303, headers: { Location: new URL(path, env().PUBLIC_URL).toString() } });
