import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fieldErrors, preferencesInput } from "@/lib/newsletter/input";
import {
  deleteSubscriberData,
  exportSubscriberData,
  setFirstName,
  setPaused,
  setTopics,
  unsubscribe,
} from "@/lib/newsletter/subscriptions";
import { readerChoice } from "@/lib/newsletter/topics";
import { siteTopics } from "@/wiring/newsletter";
import { readManageToken } from "@/lib/newsletter/tokens";
import { gate } from "@/lib/security/gate";
import { signingKeys } from "@/lib/security/keys";
import { answeringBusy } from "@/lib/http/busy";

// POST /api/newsletter/preferences — the forms on the preferences page
// (which work without JavaScript) and "download my data". The signed token
// in the form identifies the subscriber; the origin check stops other sites
// from posting it.
export const POST = answeringBusy(post);

async function post(request: Request) {
  const req = await gate(request, { accept: ["json", "form"] });
  if (!req.ok) return req.response;
  const body = req.body;
  const token = String(body.data.token ?? "");
  const id = readManageToken(signingKeys(), token);
  if (!id)
    return Response.json(
      { error: "This preferences link is not valid (it may have been changed or cut short)", field: "token" },
      { status: 400 },
    );

  if (body.data.action === "export") {
    const data = await exportSubscriberData(db(), id);
    if (!data) return Response.json({ error: "There is no subscription for this link any more" }, { status: 404 });
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": 'attachment; filename="my-newsletter-data.json"',
        "cache-control": "no-store",
      },
    });
  }

  const parsed = preferencesInput.safeParse(body.data);
  const back = (done: string) => `/newsletter/preferences?token=${encodeURIComponent(token)}&done=${done}`;
  if (!parsed.success) {
    if (body.kind === "json")
      return Response.json({ error: "Please correct the highlighted fields", fields: fieldErrors(parsed.error) }, { status: 400 });
    const field = parsed.error.issues[0]?.path[0];
    return redirect(back(field === "confirm" ? "confirm-delete" : field === "topics" ? "bad-topics" : "invalid"));
  }
  const input = parsed.data;
  switch (input.action) {
    case "update":
      await setFirstName(db(), id, input.firstName);
      return redirect(back("saved"));
    case "topics": {
      const chosen = readerChoice(input.topics, siteTopics());
      if (!chosen.ok) {
        if (body.kind === "json")
          return Response.json({ error: chosen.message, field: "topics", fields: { topics: chosen.message } }, { status: 400 });
        return redirect(back("bad-topics"));
      }
      if (!(await setTopics(db(), id, chosen.choice)))
        return Response.json({ error: "There is no subscription for this link any more" }, { status: 404 });
      if (body.kind === "json") return Response.json({ ok: true, topics: chosen.choice.all ? "all" : chosen.choice.topics });
      return redirect(back("topics"));
    }
    case "pause":
    case "resume":
      await setPaused(db(), id, input.action === "pause");
      return redirect(back(input.action === "pause" ? "paused" : "resumed"));
    case "unsubscribe":
      await unsubscribe(db(), id);
      return redirect("/newsletter/unsubscribed");
    case "delete":
      await deleteSubscriberData(db(), id);
      return redirect("/newsletter/deleted");
  }
}

const redirect = (path: string) =>
  new Response(null, { status: 303, headers: { Location: new URL(path, env().PUBLIC_URL).toString(), "Referrer-Policy": "no-referrer" } });
