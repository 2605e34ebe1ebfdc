import { createHash } from "node:crypto";
import { env } from "./env";
import { signingKeys } from "./security/keys";
import { signToken } from "./security/signed-token";

export const REVALIDATE_PURPOSE = "revalidate";

/**
 * Static pages the CLIs and the publish timer may ask the running site to
 * regenerate: articles, the lists of articles (home, categories, tags,
 * authors), the feed, the sitemap and the newsletter archive.
 */
export const REVALIDATABLE =
  /^(\/|\/(articles|categories|tags|authors)\/[a-z0-9-]+|\/feed\.xml|\/sitemap\.xml|\/newsletter\/archive(\/[a-z0-9-]+)?)$/;
/** At most this many paths per request (a publication touches its lists and its related articles). */
export const MAX_REVALIDATE_PATHS = 500;

/** What a token for several paths signs: their digest, so the token stays short and names exactly that list. */
export const pathsSubject = (paths: readonly string[]) => `paths:${createHash("sha256").update(paths.join("\n")).digest("base64url")}`;

/** An article's page, after a comment became visible or was removed. */
export const requestRevalidation = (articleSlug: string) => requestPathRevalidation(`/articles/${articleSlug}`);

/**
 * From outside the server (the CLI): ask the running site to regenerate a
 * static page. If no server answers, the next build or regeneration does.
 */
export async function requestPathRevalidation(path: string, origin?: string): Promise<"done" | "no-server"> {
  const e = env();
  try {
    const res = await fetch(`${origin ?? e.PUBLIC_URL}/api/revalidate`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${signToken(signingKeys(), REVALIDATE_PURPOSE, path, new Date(Date.now() + 60_000))}`,
      },
      body: JSON.stringify({ path }),
      signal: AbortSignal.timeout(5_000),
    });
    return res.ok ? "done" : "no-server";
  } catch {
    return "no-server";
  }
}

/** Several pages in one request (the publish timer); throws when the server did not do it, so the caller can retry. */
export async function requestPathsRevalidation(paths: string[], origin: string): Promise<void> {
  const res = await fetch(`${origin}/api/revalidate`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${signToken(signingKeys(), REVALIDATE_PURPOSE, pathsSubject(paths), new Date(Date.now() + 60_000))}`,
    },
    body: JSON.stringify({ paths }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`/api/revalidate answered ${res.status}`);
}
