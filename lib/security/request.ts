/**
 * Checks every state-changing request makes before it reaches a rule:
 * same-origin, an accepted content type, a bounded body.
 */
export const MAX_FORM_BYTES = 16 * 1024;

export type RequestProblem = { status: 400 | 403 | 413 | 415; error: string; field?: string };

/** Cross-site form posts and scripts are refused: Origin (or Referer) must be this site. */
export function checkSameOrigin(headers: Headers, publicUrl: string): RequestProblem | undefined {
  const allowed = new Set([new URL(publicUrl).origin]);
  const host = headers.get("host");
  if (host) allowed.add(`${new URL(publicUrl).protocol}//${host}`);
  const origin = headers.get("origin") ?? (headers.get("referer") ? safeOrigin(headers.get("referer")!) : undefined);
  if (!origin) return { status: 403, error: "Missing Origin header: the request must come from this site's pages" };
  if (!allowed.has(origin)) return { status: 403, error: `Requests from ${origin} are not accepted` };
  return undefined;
}

/** The body as text, or undefined as soon as it passes `limit` bytes (chunked bodies have no length to check). */
async function readCapped(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export type ParsedBody = { kind: "json" | "form"; data: Record<string, unknown> };

/** JSON or an HTML form, at most MAX_FORM_BYTES; anything else is a clear 4xx. */
export async function readBody(request: Request): Promise<ParsedBody | RequestProblem> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_FORM_BYTES) return { status: 413, error: `Request body is larger than ${MAX_FORM_BYTES} bytes` };
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const text = await readCapped(request, MAX_FORM_BYTES);
  if (text === undefined) return { status: 413, error: `Request body is larger than ${MAX_FORM_BYTES} bytes` };
  if (type === "application/json") {
    try {
      const data = JSON.parse(text);
      if (typeof data !== "object" || data === null || Array.isArray(data)) return { status: 400, error: "Body must be a JSON object" };
      return { kind: "json", data };
    } catch {
      return { status: 400, error: "Body is not valid JSON" };
    }
  }
  if (type === "application/x-www-form-urlencoded") return { kind: "form", data: Object.fromEntries(new URLSearchParams(text)) };
  return { status: 415, error: "Content-Type must be application/json or application/x-www-form-urlencoded" };
}

/**
 * The client's address, for per-IP rate limits. `next start` fills
 * X-Forwarded-For with the socket address only when the request has none,
 * so a client talking to Next directly can forge it. Production therefore
 * runs behind a reverse proxy that appends the real address (README); the
 * last entry is then the proxy's view of the client. Per-email limits and
 * the captcha do not depend on this.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last ?? headers.get("x-real-ip") ?? "unknown";
}
