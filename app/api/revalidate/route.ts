import { revalidatePath } from "next/cache";
import { z } from "zod";
import { MAX_REVALIDATE_PATHS, pathsSubject, REVALIDATABLE, REVALIDATE_PURPOSE } from "@/lib/revalidate-remote";
import { gate } from "@/lib/security/gate";
import { signingKeys } from "@/lib/security/keys";
import { verifyToken } from "@/lib/security/signed-token";

const Body = z.union([
  z.object({ path: z.string().max(300) }),
  z.object({ paths: z.array(z.string().max(300)).min(1).max(MAX_REVALIDATE_PATHS) }),
]);

// Regenerates static pages on request of the CLI or the publish timer; the
// token is signed with SECRET_KEY and names the path (or the digest of the
// list of paths), so it cannot be used for anything else.
export async function POST(request: Request) {
  // Called by the CLI or this server itself, not by a page: the signed token is the credential.
  const req = await gate(request, { accept: ["json"], sameOrigin: false });
  if (!req.ok) return req.response;
  const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
  const check = verifyToken(signingKeys(), REVALIDATE_PURPOSE, token);
  if (!check.ok) return Response.json({ error: "Invalid or expired revalidation token" }, { status: 403 });
  const body = Body.safeParse(req.body.data);
  if (!body.success) return Response.json({ error: "Send {path} or {paths: [...]}", field: "paths" }, { status: 400 });
  const paths = "paths" in body.data ? body.data.paths : [body.data.path];
  const signedFor = paths.length === 1 && check.subject === paths[0] ? paths[0] : pathsSubject(paths);
  if (check.subject !== signedFor) return Response.json({ error: "The token does not name these paths", field: "paths" }, { status: 403 });
  const refused = paths.find((p) => !REVALIDATABLE.test(p));
  if (refused) return Response.json({ error: `Path cannot be revalidated: ${refused}`, field: "paths" }, { status: 400 });
  for (const p of paths) revalidatePath(p);
  return Response.json({ revalidated: paths });
}
