import { issueRequest } from "@/app/newsroom/newsletters/_issues";
import { mailer } from "@/lib/mail";
import { sendTestCopy } from "@/lib/newsroom/newsletters";
import { workerDeps } from "@/wiring/newsletter";
import { seeOther } from "@/wiring/newsroom";

// POST /api/newsroom/newsletters/<slug>/test — one [TEST] copy to the signed-in
// editor's own address (never an address typed in a form: the console is no open relay).
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const req = await issueRequest(request, params);
  if (!req.ok) return req.response;
  const { slug, issue, json } = req;
  try {
    await sendTestCopy({ ...workerDeps(), mailer: mailer() }, issue, req.editor.email);
  } catch {
    if (json) return Response.json({ error: "The mail relay did not answer; try again in a minute" }, { status: 502 });
    return seeOther(`/newsroom/newsletters/${slug}?error=mail`);
  }
  await req.audit({ action: "newsletter.test", objectType: "newsletter", objectId: slug });
  if (json) return Response.json({ ok: true });
  return seeOther(`/newsroom/newsletters/${slug}?done=test`);
}
