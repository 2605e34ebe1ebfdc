import { env } from "../env";
import { signToken } from "../security/signed-token";

export const REVALIDATE_PURPOSE = "revalidate";

/**
 * From outside the server (the CLI): ask the running site to regenerate an
 * article's static page. If no server answers, the next build renders it.
 */
export async function requestRevalidation(articleSlug: string): Promise<"done" | "no-server"> {
  const e = env();
  const path = `/articles/${articleSlug}`;
  try {
    const res = await fetch(`${e.PUBLIC_URL}/api/revalidate`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${signToken(e.SECRET_KEY, REVALIDATE_PURPOSE, path, new Date(Date.now() + 60_000))}` },
      body: JSON.stringify({ path }),
      signal: AbortSignal.timeout(5_000),
    });
    return res.ok ? "done" : "no-server";
  } catch {
    return "no-server";
  }
}
