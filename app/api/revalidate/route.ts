import { revalidatePath } from "next/cache";
import { REVALIDATABLE, REVALIDATE_PURPOSE } from "@/lib/revalidate-remote";
import { env } from "@/lib/env";
import { verifyToken } from "@/lib/security/signed-token";

// Regenerates one static page on request of the CLI; the token is signed
// with SECRET_KEY and names the path, so it cannot be used for anything else.
export async function POST(request: Request) {
  const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
  const check = verifyToken(env().SECRET_KEY, REVALIDATE_PURPOSE, token);
  if (!check.ok) return Response.json({ error: "Invalid or expired revalidation token" }, { status: 403 });
  if (!REVALIDATABLE.test(check.subject)) return Response.json({ error: "Path cannot be revalidated" }, { status: 400 });
  revalidatePath(check.subject);
  return Response.json({ revalidated: check.subject });
}
