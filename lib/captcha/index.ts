import "server-only";
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { Agent, request } from "undici";
import { z } from "zod";

/**
 * One verifier for every captcha that speaks the siteverify protocol:
 * Google reCAPTCHA v2 (checkbox) and v3 (score + action), Cloudflare
 * Turnstile and hCaptcha. The rest of the code calls verifyCaptcha() and
 * never sees HTTP. It fails closed: if the provider cannot be asked, the
 * answer is "no".
 */
export type CaptchaProvider = "off" | "recaptcha-v2" | "recaptcha-v3" | "turnstile" | "hcaptcha";

export const SITEVERIFY_URLS: Record<Exclude<CaptchaProvider, "off">, string> = {
  "recaptcha-v2": "https://www.google.com/recaptcha/api/siteverify",
  "recaptcha-v3": "https://www.google.com/recaptcha/api/siteverify",
  turnstile: "https://challenges.cloudflare.com/turnstile/v0/siteverify",
  hcaptcha: "https://api.hcaptcha.com/siteverify",
};

export type CaptchaConfig = {
  provider: CaptchaProvider;
  secretKey?: string;
  /** Override of the provider's endpoint (tests use a stand-in on 127.0.0.1). */
  verifyUrl?: string;
  /** The site's own hostname; a token solved on another site is refused. */
  expectedHostname?: string;
  /** reCAPTCHA v3 only: lowest acceptable score, 0..1. */
  minScore: number;
  timeoutMs?: number;
};

export type CaptchaFailure = "missing" | "invalid" | "expired" | "reused" | "low-score" | "wrong-action" | "wrong-hostname" | "unavailable";
export type CaptchaResult = { ok: true } | { ok: false; reason: CaptchaFailure; message: string };

/** Records tokens as used; claim() is false when the token was seen before. */
export type TokenLedger = { claim(tokenHash: string): Promise<boolean> };

const MESSAGES: Record<CaptchaFailure, string> = {
  missing: "Please complete the verification (the “I'm not a robot” check).",
  invalid: "The verification did not pass. Please try it again.",
  expired: "The verification expired. Please check the box again.",
  reused: "That verification was already used. Please check the box again.",
  "low-score": "We could not confirm you are a person. Please try again in a moment.",
  "wrong-action": "The verification did not match this form. Please reload the page and try again.",
  "wrong-hostname": "The verification was solved on another site. Please reload the page and try again.",
  unavailable: "We could not reach the verification service. Nothing was saved; please try again in a minute.",
};

const fail = (reason: CaptchaFailure): CaptchaResult => ({ ok: false, reason, message: MESSAGES[reason] });

const MAX_TOKEN_LENGTH = 4096;

const siteverifyAnswer = z.object({
  success: z.boolean(),
  hostname: z.string().optional(),
  action: z.string().optional(),
  score: z.number().optional(),
  "error-codes": z.array(z.string()).optional(),
});

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

const pools = new Map<number, Agent>();

/**
 * Kept-alive connections to the provider, one pool per timeout setting.
 * undici's request() rather than fetch(): the same client underneath, but
 * fetch's WHATWG layers and AbortSignal.timeout cost ~0.35 ms more CPU per
 * call here, more than a comment's whole database work (decision 0012).
 */
function providerConnections(timeoutMs: number): Agent {
  let pool = pools.get(timeoutMs);
  if (!pool) pools.set(timeoutMs, (pool = new Agent({ connect: { timeout: timeoutMs } })));
  return pool;
}

/**
 * Checks a token and records it as used: `ledger` is claimed before the
 * provider is asked, so two concurrent submissions of one token cannot both
 * pass, whatever the provider answers.
 */
export async function verifyCaptcha(
  config: CaptchaConfig,
  input: { token: string | undefined | null; action: string; remoteIp?: string },
  ledger: TokenLedger,
): Promise<CaptchaResult> {
  if (config.provider === "off") return { ok: true };
  const token = input.token?.trim();
  const problem = tokenProblem(token);
  if (problem) return problem;
  if (!(await ledger.claim(tokenHash(token!)))) return fail("reused");
  return askProvider({ ...config, provider: config.provider }, token!, input);
}

/**
 * Checks a token with the provider without recording it. The caller must
 * claim the returned `tokenHash` as single-use in the same transaction that
 * acts on it (the comment intake does), and refuse if the claim fails.
 */
export async function checkCaptchaToken(
  config: CaptchaConfig,
  input: { token: string | undefined | null; action: string; remoteIp?: string },
): Promise<CaptchaCheck> {
  if (config.provider === "off") return { ok: true };
  const token = input.token?.trim();
  const problem = tokenProblem(token);
  if (problem) return problem;
  const answer = await askProvider({ ...config, provider: config.provider }, token!, input);
  return answer.ok ? { ok: true, tokenHash: tokenHash(token!) } : answer;
}

/** A passed check, with the hash to claim when captcha is on. */
export type CaptchaCheck = { ok: true; tokenHash?: string } | Extract<CaptchaResult, { ok: false }>;

/** The answer for a used token, for callers that claim tokens themselves. */
export const reusedToken = () => fail("reused") as Extract<CaptchaResult, { ok: false }>;

function tokenProblem(token: string | undefined): CaptchaResult | undefined {
  if (!token) return fail("missing");
  if (token.length > MAX_TOKEN_LENGTH) return fail("invalid");
  return undefined;
}

async function askProvider(
  config: CaptchaConfig & { provider: Exclude<CaptchaProvider, "off"> },
  token: string,
  input: { action: string; remoteIp?: string },
): Promise<CaptchaResult> {
  const body = new URLSearchParams({ secret: config.secretKey ?? "", response: token });
  if (input.remoteIp && isIP(input.remoteIp)) body.set("remoteip", input.remoteIp);
  let answer: z.infer<typeof siteverifyAnswer>;
  try {
    const timeout = config.timeoutMs ?? 5_000;
    const res = await request(config.verifyUrl ?? SITEVERIFY_URLS[config.provider], {
      method: "POST",
      body: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      dispatcher: providerConnections(timeout),
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    if (res.statusCode < 200 || res.statusCode > 299) {
      await res.body.dump();
      return fail("unavailable");
    }
    const parsed = siteverifyAnswer.safeParse(await res.body.json());
    if (!parsed.success) return fail("unavailable");
    answer = parsed.data;
  } catch {
    return fail("unavailable");
  }

  if (!answer.success) {
    const codes = answer["error-codes"] ?? [];
    return fail(codes.includes("timeout-or-duplicate") ? "expired" : "invalid");
  }
  // An answer that does not name the site the token was solved on is not
  // proof it was solved on ours (a token farmed on another site passes).
  if (config.expectedHostname && answer.hostname !== config.expectedHostname) return fail("wrong-hostname");
  if (config.provider === "recaptcha-v3" || config.provider === "turnstile") {
    // Our widgets set the form's action (v3 at execute, Turnstile at render);
    // an answer without it was solved for some other form or site. reCAPTCHA
    // v2 and hCaptcha have no action: their tokens are bound by hostname and
    // spent once, whichever form they arrive on.
    if (answer.action !== input.action) return fail("wrong-action");
  }
  if (config.provider === "recaptcha-v3" && (answer.score === undefined || answer.score < config.minScore)) return fail("low-score");
  return { ok: true };
}

/** An in-memory ledger: for tests and single-process tools only. */
export function memoryLedger(): TokenLedger & { size(): number } {
  const seen = new Set<string>();
  return {
    async claim(hash) {
      if (seen.has(hash)) return false;
      seen.add(hash);
      return true;
    },
    size: () => seen.size,
  };
}
