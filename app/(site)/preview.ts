import { cookies, draftMode } from "next/headers";
import { env } from "@/lib/env";
import { PREVIEW_COOKIE, verifyPreview, type PreviewKind } from "@/lib/preview";

/**
 * Whether this request is a signed preview of exactly this piece (decision
 * 0019): Next's draft mode is on and the preview cookie (scoped to this
 * page's path) holds a token that still verifies with the current key.
 * Outside draft mode nothing is read, so the static pages stay static.
 */
export async function isPreviewOf(kind: PreviewKind, slug: string): Promise<boolean> {
  if (!(await draftMode()).isEnabled) return false;
  const token = (await cookies()).get(PREVIEW_COOKIE)?.value;
  if (!token) return false;
  const check = verifyPreview(env().SECRET_KEY, token);
  return check.ok && check.subject.kind === kind && check.subject.slug === slug;
}
