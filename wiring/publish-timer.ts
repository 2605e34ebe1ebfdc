// The publish timer of this server process (decision 0018), bound to the
// site's content and to this server's own /api/revalidate: revalidating
// through a request is what Next supports (revalidatePath needs a request's
// context), and in that route the shared page cache (REDIS_URL, decision
// 0030) hears of it, so every instance serves the new pages.
import "server-only";
import { statSync } from "node:fs";
import path from "node:path";
import { generatedContent } from "@/lib/content/generated";
import { content } from "@/lib/content";
import { startPublishTimer, type PublishTimer } from "@/lib/content/schedule";
import { requestPathsRevalidation } from "@/lib/revalidate-remote";

/** When the pages being served were generated: the build's time (its BUILD_ID file). */
function builtAt(root: string): Date {
  try {
    return statSync(path.join(root, ".next", "BUILD_ID")).mtime;
  } catch {
    return new Date();
  }
}

/** Starts the timer; `origin` is how this process reaches itself (loopback and its own port). */
export function startSitePublishTimer(origin: string, root = process.cwd()): PublishTimer {
  const timer = startPublishTimer({
    articles: generatedContent().articles,
    categoryOf: (slug) => content.categoryBySlug(slug),
    since: builtAt(root),
    now: () => new Date(),
    refresh: (paths) => requestPathsRevalidation(paths, origin),
    log: (line) => console.log(`[server] ${line}`),
  });
  return timer;
}
