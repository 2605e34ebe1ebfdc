import { RateLimiterMemory } from "rate-limiter-flexible";
import { env, type Env } from "../env";
import { rateLimitKey } from "./client-address";

/**
 * The one gate every route handler passes before any rule sees a request:
 * same origin for state changes, an accepted content type, a body read with
 * a hard byte cap (never buffered whole), JSON of bounded depth and size,
 * and a coarse per-IP flood limit kept in memory. Rules then do their own,
 * finer limits in the database (comments, signups).
 *
 *   const req = await gate(request, { accept: ["json", "form"] });
 *   if (!req.ok) return req.response;
 *   …req.body.data, req.ip
 */
export const MAX_FORM_BYTES = 16 * 1024;
const MAX_JSON_DEPTH = 6;
const MAX_JSON_KEYS = 200;

/** Set by server.ts from the socket (and TRUST_PROXY); any value a client sends is overwritten. */
export const CLIENT_IP_HEADER = "x-spine-client-ip";

export type GateProblem = { status: 400 | 403 | 413 | 415 | 429; error: string; field?: string; retryAfterSeconds?: number };
export type ParsedBody = { kind: BodyKind; data: Record<string, unknown> };

export type BodyKind = "json" | "form" | "multipart";
export type GateOptions = {
  /**
   * The content types the body may have; [] reads no body. A multipart body
   * is read (capped) but not parsed: only mail clients' one-click posts send
   * one, and their credential is the token in the URL.
   */
  accept: BodyKind[];
  /**
   * Whether Origin must be this site. Off only where the credential is a
   * signed token in the URL and the caller is a mail client (RFC 8058
   * one-click), which sends no Origin.
   */
  sameOrigin?: boolean;
  maxBytes?: number;
  /**
   * Parse a multipart body (an upload form) instead of only reading it:
   * text fields as strings, each file as { name, text } (UTF-8). The byte
   * cap applies to the whole body before anything is parsed.
   */
  parseMultipart?: boolean;
};

/** A file field of a parsed multipart body. */
export type UploadedFile = { name: string; text: string };

export type GateResult = { ok: true; ip: string; body: ParsedBody } | { ok: false; response: Response; problem: GateProblem };

export async function gate(request: Request, opts: GateOptions): Promise<GateResult> {
  const e = env();
  const ip = clientIp(request.headers);
  const refuse = (problem: GateProblem): GateResult => ({ ok: false, problem, response: problemResponse(problem) });

  const flood = await floodLimit(e, ip).then(
    () => undefined,
    (r: { msBeforeNext?: number }) => Math.max(1, Math.ceil((r.msBeforeNext ?? 1000) / 1000)),
  );
  if (flood !== undefined && ip !== "unknown")
    return refuse({ status: 429, error: `Too many requests from your network. Please wait ${flood} seconds.`, retryAfterSeconds: flood });

  if (opts.sameOrigin !== false) {
    const problem = checkSameOrigin(request.headers, configuredOrigins(e));
    if (problem) return refuse(problem);
  }
  if (opts.accept.length === 0) return { ok: true, ip, body: { kind: "form", data: {} } };
  const body = await readBody(request, opts.accept, opts.maxBytes ?? MAX_FORM_BYTES, opts.parseMultipart === true);
  if ("status" in body) return refuse(body);
  return { ok: true, ip, body };
}

/**
 * The gate for callers that sign the exact bytes they send (relays'
 * webhooks): the flood limit, the content type and the byte cap as above,
 * but the body comes back as text, unparsed, for the signature check. No
 * origin check: the signature is the credential.
 */
export async function gateRaw(
  request: Request,
  opts: { types: string[]; maxBytes: number },
): Promise<{ ok: true; ip: string; text: string } | { ok: false; response: Response; problem: GateProblem }> {
  const ip = clientIp(request.headers);
  const refuse = (problem: GateProblem) => ({ ok: false as const, problem, response: problemResponse(problem) });
  const flood = await floodLimit(env(), ip).then(
    () => undefined,
    (r: { msBeforeNext?: number }) => Math.max(1, Math.ceil((r.msBeforeNext ?? 1000) / 1000)),
  );
  if (flood !== undefined && ip !== "unknown")
    return refuse({ status: 429, error: `Too many requests from your network. Please wait ${flood} seconds.`, retryAfterSeconds: flood });
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!opts.types.includes(type)) return refuse({ status: 415, error: `Content-Type must be ${opts.types.join(" or ")}` });
  const tooLarge: GateProblem = { status: 413, error: `Request body is larger than ${opts.maxBytes} bytes` };
  if (Number(request.headers.get("content-length") ?? "0") > opts.maxBytes) return refuse(tooLarge);
  const text = await readCapped(request, opts.maxBytes);
  if (text === undefined) return refuse(tooLarge);
  return { ok: true, ip, text };
}

export function problemResponse(p: GateProblem): Response {
  return Response.json(
    { error: p.error, ...(p.field ? { field: p.field } : {}) },
    { status: p.status, headers: p.retryAfterSeconds ? { "Retry-After": String(p.retryAfterSeconds) } : undefined },
  );
}

/** The client's address as server.ts determined it; "unknown" when the app runs without it (next dev). */
export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

let flooding: { limiter: RateLimiterMemory; points: number } | undefined;
/** A generous per-IP ceiling on gated requests, per instance: it stops floods, not people. */
function floodLimit(e: Env, ip: string): Promise<unknown> {
  if (!flooding || flooding.points !== e.REQUEST_RATE_PER_MINUTE)
    flooding = { points: e.REQUEST_RATE_PER_MINUTE, limiter: new RateLimiterMemory({ points: e.REQUEST_RATE_PER_MINUTE, duration: 60 }) };
  return flooding.limiter.consume(rateLimitKey(ip));
}

// The set for this process's configuration, built once (env() is one object until the configuration changes).
let origins: { from: Env; set: Set<string> } | undefined;
function configuredOrigins(e: Env): Set<string> {
  if (origins?.from !== e) origins = { from: e, set: allowedOrigins(e) };
  return origins.set;
}

/**
 * The origins a state-changing request may come from: PUBLIC_URL's, and in
 * local mode the same port on loopback names. Never the request's own Host
 * header: a page on a DNS-rebinding domain sends an Origin that matches the
 * Host it forged.
 */
export function allowedOrigins(e: Pick<Env, "PUBLIC_URL" | "APP_MODE">): Set<string> {
  const url = new URL(e.PUBLIC_URL);
  const origins = new Set([url.origin]);
  if (e.APP_MODE === "local") {
    const port = url.port ? `:${url.port}` : "";
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) origins.add(`${url.protocol}//${host}${port}`);
  }
  return origins;
}

/** Cross-site form posts and scripts are refused: Origin (or Referer) must be one of the allowed origins. */
export function checkSameOrigin(headers: Headers, allowed: Set<string>): GateProblem | undefined {
  const referer = headers.get("referer");
  const origin = headers.get("origin") ?? (referer ? safeOrigin(referer) : undefined);
  if (!origin) return { status: 403, error: "Missing Origin header: the request must come from this site's pages" };
  if (!allowed.has(origin)) return { status: 403, error: "Requests from other sites are not accepted" };
  return undefined;
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The body as text, or undefined as soon as it passes `limit` bytes (chunked bodies have no length to check). */
async function readCapped(request: Request, limit: number): Promise<string | undefined> {
  return (await readCappedBytes(request, limit))?.toString("utf8");
}

async function readCappedBytes(request: Request, limit: number): Promise<Buffer | undefined> {
  if (!request.body) return Buffer.alloc(0);
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
  return Buffer.concat(chunks);
}

/** A multipart body already read (capped) → its fields; files as text. */
async function parseMultipartBody(bytes: Buffer, contentType: string): Promise<ParsedBody | GateProblem> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData();
  } catch {
    return { status: 400, error: "The upload is not a valid multipart form" };
  }
  const data: Record<string, unknown> = {};
  for (const [key, value] of form.entries())
    data[key] = typeof value === "string" ? value : ({ name: value.name, text: await value.text() } satisfies UploadedFile);
  return { kind: "multipart", data };
}

/**
 * A urlencoded form's fields: one value as a string, a name sent several
 * times (a group of checkboxes) as an array of its values, so no ticked box
 * is lost. A field a schema expects as one string and gets as an array is
 * refused on that field like any other wrong type.
 */
export function formFields(params: URLSearchParams): Record<string, string | string[]> {
  const data: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const had = data[key];
    data[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return data;
}

/** Depth and key count of parsed JSON, walked without recursion. */
function jsonTooComplex(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  let keys = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > MAX_JSON_DEPTH) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    keys += children.length;
    if (keys > MAX_JSON_KEYS) return true;
    for (const c of children) stack.push([c, depth + 1]);
  }
  return false;
}

const MIME: Record<BodyKind, string> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
  multipart: "multipart/form-data",
};

/** A body of one of the accepted types, at most `maxBytes`; anything else is a clear 4xx. */
export async function readBody(
  request: Request,
  accept: BodyKind[],
  maxBytes = MAX_FORM_BYTES,
  parseMultipart = false,
): Promise<ParsedBody | GateProblem> {
  const tooLarge: GateProblem = { status: 413, error: `Request body is larger than ${maxBytes} bytes` };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return tooLarge;
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const kind = accept.find((k) => MIME[k] === type);
  const unsupported: GateProblem = { status: 415, error: `Content-Type must be ${accept.map((k) => MIME[k]).join(" or ")}` };
  if (!kind && (type || !accept.includes("form"))) return unsupported;
  if (kind === "multipart" && parseMultipart) {
    const bytes = await readCappedBytes(request, maxBytes);
    if (bytes === undefined) return tooLarge;
    return parseMultipartBody(bytes, request.headers.get("content-type") ?? "");
  }
  const text = await readCapped(request, maxBytes);
  if (text === undefined) return tooLarge;
  // No type at all: only an empty body passes, as an empty form (a one-click
  // link followed by a client that sends nothing).
  if (!kind) return text === "" ? { kind: "form", data: {} } : unsupported;
  if (kind === "multipart") return { kind, data: {} };
  if (kind === "form") return { kind, data: formFields(new URLSearchParams(text)) };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { status: 400, error: "Body is not valid JSON" };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { status: 400, error: "Body must be a JSON object" };
  if (jsonTooComplex(data)) return { status: 400, error: "Body is nested too deeply or has too many fields" };
  return { kind, data: data as Record<string, unknown> };
}
