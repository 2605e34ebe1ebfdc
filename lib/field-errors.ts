import type { z } from "zod";

/**
 * A zod error as field → first message, for showing each error next to its
 * field. Shared by every form, in the browser and on the server.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
