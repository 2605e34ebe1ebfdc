import { env } from "./env";
import { signToken } from "./security/signed-token";

export const REVALIDATE_PURPOSE = "revalidate";

/** Static pages the CLIs may ask the running site to regenerate. */
export const REVALIDATABLE = /^(\/articles\/[a-z0-9-]+|\/newsletter\/archive(\/[a-z0-9-]+)?)$/;

/** An article's page, after a comment became visible or was removed. */
export const requestRevalidation = (articleSlug: string) => requestPathRevalidation(`/articles/${articleSlug}`);

/**
 * From outside the server (the CLI): ask the running site to regenerate a
 * static page. If no server answers, the next build or regeneration does.
 */
export async function requestPathRevalidation(path: string): Promise<"done" | "no-server"> {
  const e = env();
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
